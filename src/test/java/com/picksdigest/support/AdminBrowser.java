package com.picksdigest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium through /usr/bin/chromedriver, with a fresh profile: both paths are given, so Selenium
 * Manager has nothing to look up or download.
 */
public final class AdminBrowser implements AutoCloseable {
    public final ChromeDriver driver;
    private final Path profile;

    public AdminBrowser() {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        try {
            profile = Files.createTempDirectory("picks-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        driver = new ChromeDriver(o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** The page as it is now, kept under target/ for a failing test's reader. */
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
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind
        }
    }
}
