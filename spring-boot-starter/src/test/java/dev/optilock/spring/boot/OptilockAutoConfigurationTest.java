package dev.optilock.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.ExternalTransactions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The auto-configuration in contexts of a few beans, on a SQLite file of each test's own. */
class OptilockAutoConfigurationTest {
  @TempDir Path folder;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class, OptilockAutoConfiguration.class,
            OptilockWebMvcAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + folder.resolve("test.db"));
  }

  @Test
  void everyListedRepositoryIsABeanOnADataSourceThatJoinsSpringTransactions() {
    runner().run(context -> {
      assertEquals(Set.of("widgetRepository"),
          context.getBeansOfType(WidgetRepository.class).keySet());
      assertEquals(1, context.getBeansOfType(DataSource.class).size(), "no second DataSource bean");
      DataSource repositories = context.getBean(OptilockDataSource.class).dataSource();
      assertTrue(ExternalTransactions.isDeclared(repositories));

      WidgetRepository widgets = context.getBean(WidgetRepository.class);
      widgets.createTable();
      assertEquals(1, widgets.insert(new Widget(1, "cog", 0)).version());
      assertEquals("cog", widgets.findById(1L).orElseThrow().name());
      // no MVC without a web application
      assertFalse(context.containsBean("optilockConflictHandler"));
    });
  }

  @Test
  void aRepositoryTypeTheApplicationDefinesIsLeftToIt() {
    runner().withUserConfiguration(OwnRepository.class).run(context -> {
      assertEquals(Set.of("myWidgets"), context.getBeansOfType(WidgetRepository.class).keySet());
    });
  }

  @Test
  void anOptilockDataSourceTheApplicationDefinesIsTheOneTheRepositoriesGet() {
    runner().withUserConfiguration(OwnDataSource.class).run(context -> {
      assertSame(context.getBean("ownOptilockDataSource"), context.getBean(OptilockDataSource.class));
      AtomicInteger connections = context.getBean(AtomicInteger.class);
      WidgetRepository widgets = context.getBean(WidgetRepository.class);
      widgets.createTable();
      int before = connections.get();
      widgets.findAll();
      assertEquals(before + 1, connections.get());
    });
  }

  @Test
  void outsideATransactionAnAutoCommitOffPoolIsRefusedRatherThanNeverCommitted() {
    runner().withPropertyValues("spring.datasource.hikari.auto-commit=false").run(context -> {
      WidgetRepository widgets = context.getBean(WidgetRepository.class);
      TransactionTemplate transaction =
          new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
      transaction.executeWithoutResult(status -> widgets.createTable());

      DataAccessException refused =
          assertThrows(DataAccessException.class, () -> widgets.insert(new Widget(1, "lost", 0)));
      assertTrue(messages(refused).contains("auto-commit off outside a Spring transaction"),
          messages(refused));

      transaction.executeWithoutResult(status -> widgets.insert(new Widget(2, "kept", 0)));
      assertEquals("2 kept", committedRows(context.getBean(DataSource.class)));
    });
  }

  @Test
  void withoutADataSourceTheStartUpFailsWithAMessageThatSaysWhatToDo() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OptilockAutoConfiguration.class))
        .run(context -> {
          Throwable failure = context.getStartupFailure();
          assertTrue(failure != null, "the context started without a data source");
          assertTrue(messages(failure).contains("there is no OptilockDataSource bean"),
              messages(failure));
        });
  }

  @Test
  void repositoriesCanBeTurnedOff() {
    runner().withPropertyValues("optilock.repositories.enabled=false").run(context -> {
      assertTrue(context.getBeansOfType(WidgetRepository.class).isEmpty());
      assertTrue(context.containsBean("optilockDataSource"));
    });
  }

  private static String committedRows(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, name FROM starter_widget ORDER BY id")) {
      StringBuilder text = new StringBuilder();
      while (rows.next()) {
        text.append(text.length() == 0 ? "" : ", ").append(rows.getLong(1)).append(' ')
            .append(rows.getString(2));
      }
      return text.toString();
    }
  }

  private static String messages(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(t).append(" <- ");
    }
    return text.toString();
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRepository {
    @Bean
    WidgetRepository myWidgets(DataSource dataSource) {
      return new WidgetRepository(dataSource);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnDataSource {
    @Bean
    AtomicInteger connections() {
      return new AtomicInteger();
    }

    /** Counts the connections the repositories take; not a DataSource bean, which Boot would see. */
    @Bean
    OptilockDataSource ownOptilockDataSource(DataSource dataSource, AtomicInteger connections) {
      return OptilockDataSource.of(new DelegatingDataSource(dataSource) {
        @Override
        public Connection getConnection() throws SQLException {
          connections.incrementAndGet();
          return super.getConnection();
        }
      });
    }
  }
}
