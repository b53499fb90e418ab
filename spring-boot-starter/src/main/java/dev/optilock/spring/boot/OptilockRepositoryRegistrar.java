package dev.optilock.spring.boot;

import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.Schema;
import java.beans.Introspector;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.util.ClassUtils;

/**
 * Registers one bean per generated repository that the processor listed in {@code
 * META-INF/optilock/entities.list} ({@link Schema#declared(ClassLoader)}): no class is scanned.
 * Each bean is built by Spring through the repository's one public constructor, with the {@link
 * OptilockDataSource}'s data source. A repository type that the application already defines as a
 * bean (a {@code @Bean} method or a component of that type) is left to the application.
 */
final class OptilockRepositoryRegistrar
    implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware {
  private ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
  private final List<String> registered = new ArrayList<>();

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry)
      throws BeansException {
    if (!(registry instanceof ListableBeanFactory factory)
        || !(registry instanceof BeanFactory beans)) {
      throw new IllegalStateException("optilock registers its repositories in a"
          + " ListableBeanFactory, not in " + registry.getClass().getName());
    }
    for (EntitySchema entity : Schema.declared(classLoader)) {
      Class<?> type = repositoryClass(entity);
      if (factory.getBeanNamesForType(type, true, false).length > 0) {
        continue;   // the application's own bean of this type
      }
      RootBeanDefinition definition = new RootBeanDefinition(type);
      definition.getConstructorArgumentValues().addIndexedArgumentValue(0, dataSource(beans));
      definition.setAttribute(OptilockRepositoryRegistrar.class.getName(), entity.entity());
      String name = beanName(registry, type);
      registry.registerBeanDefinition(name, definition);
      registered.add(name);
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

  /** The names of the beans this registrar defined, in the order of the lists. */
  List<String> registered() {
    return List.copyOf(registered);
  }

  private Class<?> repositoryClass(EntitySchema entity) {
    try {
      return ClassUtils.forName(entity.repository(), classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(Schema.RESOURCE + " lists " + entity.repository()
          + " (the repository of " + entity.entity() + "), but the class cannot be loaded: the"
          + " list is from another build of the application's classes; rebuild them (mvn clean"
          + " package)", e);
    }
  }

  /** An inner bean (never a candidate for injection) that is the repositories' data source. */
  private static AbstractBeanDefinition dataSource(BeanFactory beans) {
    return BeanDefinitionBuilder
        .genericBeanDefinition(DataSource.class, () -> optilockDataSource(beans).dataSource())
        .getBeanDefinition();
  }

  private static OptilockDataSource optilockDataSource(BeanFactory beans) {
    try {
      return beans.getBean(OptilockDataSource.class);
    } catch (NoSuchBeanDefinitionException e) {
      throw new IllegalStateException("optilock's repositories need a data source, and there is"
          + " no OptilockDataSource bean: Spring Boot defines one for the application's single"
          + " DataSource (set spring.datasource.url, or mark one of several DataSource beans"
          + " @Primary), or define an OptilockDataSource bean yourself; with no database at all,"
          + " set optilock.repositories.enabled=false", e);
    }
  }

  /** {@code articleRepository}; the class's full name when another bean has that name already. */
  private static String beanName(BeanDefinitionRegistry registry, Class<?> type) {
    String simple = Introspector.decapitalize(type.getSimpleName());
    return registry.containsBeanDefinition(simple) ? type.getName() : simple;
  }
}
