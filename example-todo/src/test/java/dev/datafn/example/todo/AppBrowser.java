package dev.datafn.example.todo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless chromium with a profile of its own (its own storage: a browser context), driving the example's
 * web app through its labels and {@code data-testid}s. Waits are conditions on the page, never sleeps.
 */
final class AppBrowser implements AutoCloseable {

    /** Debian's chromium; {@code -Ddatafn.test.chromium} names another. */
    static final Path CHROMIUM = Path.of(System.getProperty("datafn.test.chromium", "/usr/bin/chromium"));

    /** Debian's chromium-driver; {@code -Ddatafn.test.chromedriver} names another. */
    static final Path CHROMEDRIVER = Path.of(System.getProperty("datafn.test.chromedriver", "/usr/bin/chromedriver"));

    /** Where the screenshots go: the build's artifact. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Long enough for a server restart and a socket's reconnect backoff on a loaded machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;

    /** Skips the calling test, saying how to install the browser, when there is none. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no browser for the web app's tests: install chromium and chromedriver (Debian: apt-get install -y "
                        + "chromium chromium-driver, as .ci/run does), or name them with -Ddatafn.test.chromium and "
                        + "-Ddatafn.test.chromedriver");
    }

    /** @param url the page to open */
    AppBrowser(String url) {
        try {
            profile = Files.createTempDirectory("datafn-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The driver is named, so Selenium Manager downloads nothing.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,1000",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class);
        driver.get(url);
    }

    /** Signs in with the development sign-in, as {@code user} (with the admin claim). */
    AppBrowser signIn(String user) {
        WebElement name = until(d -> d.findElement(By.id("signin-user")));
        until(d -> name.isDisplayed());
        name.clear();
        name.sendKeys(user);
        testId("signin-dev").click();
        until(d -> text("signed-in-user").equals(user) && text("sync-state").equals("online"));
        return this;
    }

    /** Signs in with a pasted token, as production users do; {@code user} is the one it names. */
    AppBrowser signInWithToken(String token, String user) {
        WebElement box = until(d -> d.findElement(By.id("signin-token")));
        until(d -> box.isDisplayed());
        box.sendKeys(token);
        testId("signin-with-token").click();
        until(d -> text("signed-in-user").equals(user) && text("sync-state").equals("online"));
        return this;
    }

    /** Adds a todo through the form. */
    AppBrowser add(String title) {
        WebElement input = testId("new-title");
        input.sendKeys(title);
        testId("add-todo").click();
        return this;
    }

    /** @return the titles of the todos shown, in order */
    @SuppressWarnings("unchecked")
    List<String> titles() {
        return (List<String>) script("return [...document.querySelectorAll('[data-testid=todo] [data-testid=todo-title]')]"
                + ".map(e => e.textContent)");
    }

    /** Waits until the list shows exactly these titles, in this order. */
    AppBrowser waitForTitles(String... titles) {
        List<String> expected = List.of(titles);
        until(d -> titles().equals(expected));
        return this;
    }

    /** @return whether the todo with this title is shown as done */
    boolean isDone(String title) {
        return (Boolean) script("return [...document.querySelectorAll('[data-testid=todo]')].some(li => "
                + "li.querySelector('[data-testid=todo-title]').textContent === arguments[0] && "
                + "li.querySelector('[data-testid=todo-done]').checked)", title);
    }

    /** Clicks a control of the todo with this title. */
    AppBrowser onTodo(String title, String control) {
        until(d -> {
            WebElement row = row(title);
            row.findElement(By.cssSelector("[data-testid=" + control + "]")).click();
            return true;
        });
        return this;
    }

    /** Edits a todo: a new title, a priority, a project and a tag (by their names; null leaves one as is). */
    AppBrowser edit(String title, String newTitle, Integer priority, String project, String tag) {
        onTodo(title, "todo-edit");
        WebElement form = until(d -> d.findElement(By.cssSelector("[data-testid=todo-editing]")));
        WebElement titleInput = form.findElement(By.cssSelector("[data-testid=edit-title]"));
        titleInput.clear();
        titleInput.sendKeys(newTitle);
        if (priority != null) {
            new Select(form.findElement(By.cssSelector("[data-testid=edit-priority]"))).selectByValue(priority.toString());
        }
        if (project != null) {
            new Select(form.findElement(By.cssSelector("[data-testid=edit-project]"))).selectByVisibleText(project);
        }
        if (tag != null) {
            form.findElement(By.cssSelector("[data-testid=edit-tag][data-name='" + tag + "']")).click();
        }
        form.findElement(By.cssSelector("[data-testid=edit-save]")).click();
        return this;
    }

    /** Submits a new project or tag ({@code kind} = project or tag). */
    AppBrowser submitNamed(String kind, String name) {
        testId("new-" + kind + "-name").sendKeys(name);
        testId("add-" + kind).click();
        return this;
    }

    /** Adds a project or a tag ({@code kind} = project or tag) and waits until the page lists it. */
    AppBrowser addNamed(String kind, String name) {
        submitNamed(kind, name);
        until(d -> (Boolean) script("return [...document.querySelectorAll('[data-testid=" + kind + "]')]"
                + ".some(e => e.textContent === arguments[0])", name));
        return this;
    }

    /** Chooses an option of a select by its text. */
    AppBrowser choose(String selectTestId, String text) {
        new Select(testId(selectTestId)).selectByVisibleText(text);
        return this;
    }

    /** Types into the search box (replacing what it held). */
    AppBrowser search(String words) {
        // As a person does: clear() would empty the box without the input event the page listens to.
        testId("search").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        testId("search").sendKeys(words);
        return this;
    }

    /** @return the text of the element with this id */
    String text(String id) {
        return (String) script("const e = document.getElementById(arguments[0]); return e ? e.textContent : null", id);
    }

    /** Waits until the sync state reads {@code state} and no write waits. */
    AppBrowser waitForSync(String state) {
        until(d -> text("sync-state").equals(state) && text("pending-count").equals("0"));
        return this;
    }

    /** Waits until the service worker controls the page: its files are kept for a reload while the server is down. */
    AppBrowser waitForOfflineCopy() {
        until(d -> (Boolean) script("return !!navigator.serviceWorker && !!navigator.serviceWorker.controller"));
        return this;
    }

    /** Reloads the page. */
    AppBrowser reload() {
        driver.navigate().refresh();
        return this;
    }

    /** Waits for a condition on the page. */
    <T> T until(Function<WebDriver, T> condition) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getMessage() + "\nthe page: " + script("return JSON.stringify({"
                    + "state: document.getElementById('sync-state')?.textContent,"
                    + "pending: document.getElementById('pending-count')?.textContent,"
                    + "seq: document.getElementById('server-seq')?.textContent,"
                    + "error: document.getElementById('error')?.textContent,"
                    + "titles: [...document.querySelectorAll('[data-testid=todo-title]')].map(e => e.textContent)})")
                    + "\nits console: " + driver.manage().logs().get(LogType.BROWSER).getAll(), e);
        }
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebElement row(String title) {
        return driver.findElements(By.cssSelector("[data-testid=todo]")).stream()
                .filter(li -> li.findElement(By.cssSelector("[data-testid=todo-title]")).getText().equals(title))
                .findFirst().orElseThrow(() -> new NoSuchElementException("no todo titled " + title + " yet"));
    }

    private WebElement testId(String id) {
        return until(d -> d.findElement(By.cssSelector("[data-testid=" + id + "]")));
    }

    private Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile.toFile());
        }
    }

    private static void deleteQuietly(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteQuietly(child);
            }
        }
        // A profile file chromium still held is left to the temporary directory's cleaning.
        file.delete();
    }
}
