package dev.optilock.spring.boot;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * In a Spring MVC (servlet) application, answers optilock's conflicts with HTTP 409 and an RFC 9457
 * problem detail: {@link OptilockConflictHandler}, rendering the current row with a {@link
 * ConflictRowRenderer}. Each backs off when the application defines a bean of its type.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, ProblemDetail.class})
public class OptilockWebMvcAutoConfiguration implements BeanClassLoaderAware {
  private static final String[] JACKSON = {
      "tools.jackson.databind.ObjectMapper", "com.fasterxml.jackson.databind.ObjectMapper"};

  private ClassLoader classLoader = OptilockWebMvcAutoConfiguration.class.getClassLoader();

  /** Creates the configuration; Spring Boot does. */
  public OptilockWebMvcAutoConfiguration() {}

  /** The application's class loader, where Jackson is looked for. */
  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** The row as it is when Jackson is on the class path (Spring MVC serialises it), else none. */
  @Bean
  @ConditionalOnMissingBean
  public ConflictRowRenderer conflictRowRenderer() {
    for (String mapper : JACKSON) {
      if (ClassUtils.isPresent(mapper, classLoader)) {
        return ConflictRowRenderer.asIs();
      }
    }
    return ConflictRowRenderer.omit();
  }

  /**
   * The 409 handler. It has no order, like most advice, so Spring asks it after the application's
   * own unordered advice, which is registered before any auto-configuration.
   */
  @Bean
  @ConditionalOnMissingBean
  public OptilockConflictHandler optilockConflictHandler(ConflictRowRenderer renderer) {
    return new OptilockConflictHandler(renderer);
  }
}
