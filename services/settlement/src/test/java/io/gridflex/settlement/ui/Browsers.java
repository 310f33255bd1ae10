package io.gridflex.settlement.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.gridflex.testsupport.KeycloakTestResource;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Real headless Chromium browsers (Debian's {@code chromium} and {@code chromium-driver}) logged in through Keycloak's
 * own login form, all quit by {@link #close()}. Screenshots land in {@code target/ui-screenshots}.
 */
final class Browsers implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final String base;
    private final List<WebDriver> open = new ArrayList<>();

    Browsers(URL base) {
        this.base = base.toString().replaceAll("/$", "");
    }

    /** A fresh browser, logged in as {@code user}; it shows the page the login led to. */
    WebDriver logIn(String user) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        open.add(browser);
        open(browser, "/ui");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(KeycloakTestResource.demoPassword());
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user")));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(user);
        return browser;
    }

    /** Goes to {@code path} of the service under test and waits for it to load. */
    void open(WebDriver browser, String path) {
        browser.get(base + path);
    }

    /**
     * Clicks what leads to another page and waits until the browser shows the new one, fully loaded. The old page is
     * marked and the wait ends when the marker is gone (a new document); asking an element of the old page whether it
     * is stale does not do, as Chromium may answer that with an error of its own rather than "stale".
     */
    static void click(WebDriver browser, By what) {
        ((JavascriptExecutor) browser).executeScript("window.gridflexLeft = true");
        browser.findElement(what).click();
        new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class)
                .until(b -> Boolean.TRUE.equals(((JavascriptExecutor) b).executeScript(
                        "return window.gridflexLeft === undefined && document.readyState === 'complete'")));
    }

    /** Requests with the browser's cookies (its login session and form token), redirects not followed. */
    static RequestSpecification session(WebDriver browser) {
        RequestSpecification request = RestAssured.given().redirects().follow(false);
        for (Cookie cookie : browser.manage().getCookies()) {
            request = request.cookie(cookie.getName(), cookie.getValue());
        }
        return request;
    }

    static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        open.forEach(WebDriver::quit);
        open.clear();
    }
}
