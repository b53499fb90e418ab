package dev.optilock.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.RecordModifiedException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The 409 handler in servlet applications: what it answers, and when it backs off. */
class OptilockWebMvcAutoConfigurationTest {
  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(OptilockWebMvcAutoConfiguration.class));

  @Test
  void aConflictLeavingAControllerIsA409ProblemDetailWithTheCurrentRow() {
    web.withUserConfiguration(Mvc.class).run(context -> {
      MockHttpServletResponse response = put(context, "/widgets/7");

      assertEquals(409, response.getStatus(), response.getContentAsString());
      assertEquals("application/problem+json", response.getContentType());
      JsonNode problem = JsonMapper.builder().build().readTree(response.getContentAsString());
      assertEquals("urn:optilock:problem:record-modified", problem.get("type").asString());
      assertEquals("/widgets/7", problem.get("instance").asString());
      assertEquals("Widget", problem.get("entity").asString());
      assertEquals(7, problem.get("id").asLong());
      assertEquals(3, problem.get("expectedVersion").asLong());
      assertEquals(4, problem.get("currentVersion").asLong());
      assertEquals("theirs", problem.get("current").get("name").asString());
    });
  }

  @Test
  void theApplicationsOwnExceptionHandlerIsAskedFirst() {
    web.withUserConfiguration(Mvc.class, OwnAdvice.class).run(context -> {
      MockHttpServletResponse response = put(context, "/widgets/7");

      assertEquals(412, response.getStatus(), response.getContentAsString());
      assertEquals("mine", response.getContentAsString());
    });
  }

  @Test
  void anOptilockConflictHandlerOrRendererOfTheApplicationsReplacesTheStartersOwn() {
    web.withUserConfiguration(OwnHandler.class).run(context -> {
      assertEquals(Set.of("ownHandler"),
          context.getBeansOfType(OptilockConflictHandler.class).keySet());
      assertEquals(Set.of("ownRenderer"), context.getBeansOfType(ConflictRowRenderer.class).keySet());
    });
  }

  @Test
  void theRowIsSentWithJacksonAndLeftOutWithout() {
    Widget row = new Widget(1, "cog", 2);
    web.run(context -> assertSame(row, context.getBean(ConflictRowRenderer.class).render(row)));
    web.withClassLoader(new FilteredClassLoader("tools.jackson", "com.fasterxml.jackson"))
        .run(context -> assertNull(context.getBean(ConflictRowRenderer.class).render(row)));
  }

  @Test
  void nothingOutsideAServletApplication() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OptilockWebMvcAutoConfiguration.class))
        .run(context -> {
          assertFalse(context.containsBean("optilockConflictHandler"));
          assertTrue(context.getBeansOfType(ConflictRowRenderer.class).isEmpty());
        });
  }

  private static MockHttpServletResponse put(
      org.springframework.web.context.WebApplicationContext context, String path) throws Exception {
    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
    return mvc.perform(
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(path)
            .accept("application/json", "application/problem+json"))
        .andReturn().getResponse();
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebMvc
  static class Mvc {
    @Bean
    WidgetController widgetController() {
      return new WidgetController();
    }
  }

  @RestController
  static class WidgetController {
    @PutMapping("/widgets/7")
    Widget update() {
      throw new RecordModifiedException(
          Widget.class, 7L, 3L, 4L, new Widget(7, "mine", 3), new Widget(7, "theirs", 4));
    }
  }

  @RestControllerAdvice
  static class OwnAdvice {
    @ExceptionHandler(RecordModifiedException.class)
    ResponseEntity<String> conflict(RecordModifiedException e) {
      return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).body("mine");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnHandler {
    @Bean
    ConflictRowRenderer ownRenderer() {
      return row -> "rendered";
    }

    @Bean
    OptilockConflictHandler ownHandler(ConflictRowRenderer renderer) {
      return new OptilockConflictHandler(renderer);
    }
  }
}
