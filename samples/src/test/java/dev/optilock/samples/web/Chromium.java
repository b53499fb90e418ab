package dev.optilock.samples.web;

import dev.optilock.samples.testing.Ci;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver},
 * given to Selenium explicitly so that Selenium Manager never runs (and never downloads anything).
 *
 * <p>Without them the tests are skipped with a message saying how to install them; under CI ({@link
 * Ci}) they fail instead, like the database tests ({@code TestDatabase}).
 */
final class Chromium implements AutoCloseable {
  static final Path BROWSER = Path.of(env("OPTILOCK_CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(env("OPTILOCK_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** A host name that this browser resolves to 127.0.0.1: another site, on this machine. */
  static final String OTHER_SITE = "evil.example";

  private static boolean warned;

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * Skips the calling test (fails it under CI) when Chromium or its driver is missing.
   * Call it per test, so that each one is reported as skipped.
   */
  static void assumeInstalled() {
    if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
      return;
    }
    String message = "the browser tests need Chromium and its driver, but " + BROWSER + " or " + DRIVER
        + " is missing: install them with apt-get install -y chromium chromium-driver (or point"
        + " OPTILOCK_CHROMIUM and OPTILOCK_CHROMEDRIVER at another Chromium and its matching driver)";
    if (Ci.on()) {
      Assertions.fail(Ci.describe() + " requires every test to run, and " + message);
    }
    if (!warned) {
      warned = true;
      System.err.println("[optilock tests] SKIPPING " + message);
    }
    Assumptions.abort(message);
  }

  /** A fresh headless browser with its own empty profile. */
  static Chromium start() throws IOException {
    // Selenium Manager is skipped when the driver is given; the property says so a second time.
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    Logger.getLogger("org.openqa.selenium").setLevel(Level.WARNING);
    Path profile = Files.createTempDirectory("optilock-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-dev-shm-usage", "--window-size=1280,1000",
        "--user-data-dir=" + profile,
        // a site whose name points at this machine, as after DNS rebinding
        "--host-resolver-rules=MAP " + OTHER_SITE + " 127.0.0.1");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(DRIVER.toString()))
        .usingAnyFreePort()
        .withLogOutput(java.io.OutputStream.nullOutputStream())
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(15));
    return new Chromium(driver, profile);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp directory; the OS cleans up what is left
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
