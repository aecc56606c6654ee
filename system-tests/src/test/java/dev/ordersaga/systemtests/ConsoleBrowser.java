package dev.ordersaga.systemtests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's headless Chromium, driven through its chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}; other paths with {@code -De2e.chromium=...} and {@code
 * -De2e.chromedriver=...}). Without them the calling test is skipped (a JUnit assumption); nothing is
 * ever downloaded. With {@code -De2e.screenshots=<dir>} every {@link #shot} is saved there as PNG.
 */
final class ConsoleBrowser implements AutoCloseable {

    private final WebDriver driver;
    private final Path profile;
    private final String base;

    private ConsoleBrowser(WebDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A browser on the console at {@code base}; skips the test when no Chromium is installed. */
    static ConsoleBrowser open(String base) {
        Path chromium = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));
        assumeTrue(
                Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "no Chromium here (" + chromium + ", " + chromedriver + "): apt-get install chromium chromium-driver");
        Path profile;
        try {
            profile = Files.createTempDirectory("console-e2e-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new ConsoleBrowser(driver, profile, base);
    }

    WebDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(base + path);
    }

    /** Signs out whoever was signed in, then signs in through the console's form. */
    void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        go("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        submit(By.id("sign-in"));
    }

    /**
     * Clicks the submit button at {@code button} and waits for the page its form leads to (after any
     * redirect) to be loaded. A click returns as soon as the event is dispatched: on a loaded machine the
     * old page could still be the one read next (its URL, its elements), so the old page's root is
     * awaited stale, then the new one loaded.
     */
    void submit(By button) {
        WebElement oldRoot = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the form submitted with " + button + " did not lead to a new page")
                .until(ExpectedConditions.stalenessOf(oldRoot));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the page after " + button + " did not finish loading")
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** The element at {@code css}; when it is missing, the failure says which page was shown instead. */
    WebElement find(String css) {
        try {
            return driver.findElement(By.cssSelector(css));
        } catch (NoSuchElementException e) {
            String page = driver.findElement(By.tagName("body")).getText();
            throw new AssertionError(
                    "no " + css + " on " + driver.getCurrentUrl() + ", which shows: "
                            + (page.length() > 600 ? page.substring(0, 600) + "…" : page),
                    e);
        }
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Saves the page as {@code <name>.png} when screenshots are asked for; at a phone's width with {@code phone}. */
    void shot(String name, boolean phone) {
        String dir = System.getProperty("e2e.screenshots");
        if (dir == null || dir.isBlank() || !(driver instanceof ChromeDriver chrome)) {
            return;
        }
        Dimension before = driver.manage().window().getSize();
        try {
            if (phone) {
                driver.manage().window().setSize(new Dimension(390, 844));
                driver.navigate().refresh();
            }
            File png = chrome.getScreenshotAs(OutputType.FILE);
            Files.createDirectories(Path.of(dir));
            Files.copy(png.toPath(), Path.of(dir, name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (phone) {
                driver.manage().window().setSize(before);
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
        E2eStack.deleteQuietly(profile);
    }
}
