package com.picksdigest.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser tests, driven through Debian's chromium and chromedriver packages only: both paths
 * are given, so Selenium Manager never looks anything up or downloads anything. Each browser gets a fresh profile
 * directory, deleted on close. Tests calling {@link #start} are skipped where chromedriver is not installed.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Window sizes, width,height in CSS pixels: a large phone, and a laptop screen. */
    public static final String PHONE = "412,915";

    public static final String DESKTOP = "1280,1000";

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Whether {@code e} says the page it was read from has been replaced: a stale element, or Chromium's "node does
     * not belong to the document", its way of saying stale while a navigation is under way.
     */
    public static boolean pageReplaced(WebDriverException e) {
        return e instanceof StaleElementReferenceException
                || (e.getMessage() != null && e.getMessage().contains("does not belong to the document"));
    }

    /**
     * {@code condition} for a WebDriverWait on a page that may be loading: an element not there yet or a page being
     * replaced means "not yet"; any other WebDriver error fails the wait at once, with its own message.
     */
    public static <T> Function<WebDriver, T> onLoadingPage(Function<WebDriver, T> condition) {
        return d -> {
            try {
                return condition.apply(d);
            } catch (NoSuchElementException notYet) {
                return null;
            } catch (WebDriverException e) {
                if (pageReplaced(e)) return null;
                throw e;
            }
        };
    }

    /** For a WebDriverWait: true once {@code element}'s page has been replaced by another. */
    public static Function<WebDriver, Boolean> replaced(WebElement element) {
        return d -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException e) {
                if (pageReplaced(e)) return true;
                throw e;
            }
        };
    }

    /**
     * @param windowSize  {@link #PHONE}, {@link #DESKTOP} or any "width,height"
     * @param environment extra environment of the browser process, e.g. TZ to set its time zone
     */
    public static Browser start(String windowSize, Map<String, String> environment) {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), CHROMEDRIVER + " is not installed (Debian: chromium-driver)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("picks-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=" + windowSize,
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(environment)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** The page as it is now, kept under target/browser/ for a failing test's reader. */
    public void keep(String name) {
        try {
            Path dir = Path.of("target", "browser");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            // best effort: the test's own failure is what matters
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
