package dev.datafn.example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datafn.config.DataFnConfig;
import dev.datafn.db.Database;
import dev.datafn.testing.TestDatabase;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The example's web app in headless chromium, against the example as it is started ({@link Main#start}, on its
 * development secret), on every database: signing in, the todo list and its filters, live updates between two
 * browsers of one user and none for another user, a refused write, and offline writes pushed when the server
 * comes back. Each browser is its own profile, so its own storage. Screenshots of the main states go to
 * {@code target/screenshots}. Skipped, with how to install it, where there is no chromium.
 */
@OnEveryDatabase
class WebAppBrowserTest {

    /** The database of this run. */
    @Parameter
    private TestDatabase testDatabase;

    @TempDir
    private Path data;

    /** The users of this run: the PostgreSQL database is shared with earlier runs. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private Database database;

    @BeforeEach
    void browserAndDatabase() {
        AppBrowser.assumeInstalled();
        database = testDatabase.open();
    }

    /** @param port 0 for any free port, or the port of the server this one replaces */
    private Main.Server start(int port) {
        return Main.start(configuration(port));
    }

    /** The example's configuration as an operator gives it: on this run's database, on its development secret. */
    private Config configuration(int port) {
        Map<String, String> environment = new HashMap<>(Map.of("DATAFN_DB_URL", database.jdbcUrl(),
                "DATAFN_DB_USER", database.user(), "DATAFN_DB_PASSWORD", database.password(),
                "DATAFN_DB_SCHEMA", "update", "DATAFN_DATA__DIR", data.toString(),
                "SERVER_PORT", Integer.toString(port), "SERVER_HOST", "127.0.0.1"));
        return DataFnConfig.create(environment, Map.of(), Main.OWN_OPTIONS, ConfigSources.classpath("application.yaml"));
    }

    private static String page(Main.Server server) {
        return "http://127.0.0.1:" + server.web().port() + "/";
    }

    private String shot(String name) {
        return testDatabase.name().toLowerCase(Locale.ROOT) + "-" + name;
    }

    @Test
    void twoBrowsersOfOneUserSeeEachOthersWritesLiveAndAnotherUserSeesNone() {
        String alice = "alice-" + run;
        try (Main.Server server = start(0);
                AppBrowser first = new AppBrowser(page(server));
                AppBrowser second = new AppBrowser(page(server));
                AppBrowser other = new AppBrowser(page(server))) {
            first.screenshot(shot("sign-in"));
            first.signIn(alice);
            second.signIn(alice);
            other.signIn("bob-" + run);

            first.add("Buy milk");
            second.waitForTitles("Buy milk");
            second.add("Call mum");
            first.waitForTitles("Call mum", "Buy milk");

            // Complete in one, see it done in the other; edit there, with a project and a tag made there.
            second.onTodo("Buy milk", "todo-done");
            first.until(d -> first.isDone("Buy milk"));
            first.addNamed("project", "Home").addNamed("tag", "errand");
            second.until(d -> second.text("project-list").equals("Home") && second.text("tag-list").equals("errand"));
            second.edit("Call mum", "Call mum tonight", 4, "Home", "errand");
            first.waitForTitles("Call mum tonight", "Buy milk");
            first.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "const li = document.querySelector('[data-testid=todo]');"
                            + "return li.querySelector('[data-testid=todo-project]')?.textContent === 'Home'"
                            + " && li.querySelector('[data-testid=todo-tag]')?.textContent === '#errand'"));
            first.add("Water the plants");
            second.waitForTitles("Water the plants", "Call mum tonight", "Buy milk");

            // Filters, sort and the server's search, in the first browser.
            first.choose("filter-status", "open").waitForTitles("Water the plants", "Call mum tonight");
            first.choose("filter-status", "done").waitForTitles("Buy milk");
            first.choose("filter-status", "all").choose("filter-project", "Home").waitForTitles("Call mum tonight");
            first.choose("filter-project", "any").choose("filter-tag", "errand").waitForTitles("Call mum tonight");
            first.choose("filter-tag", "any").choose("sort", "priority")
                    .waitForTitles("Call mum tonight", "Buy milk", "Water the plants");
            first.choose("sort", "title").waitForTitles("Buy milk", "Call mum tonight", "Water the plants");
            first.search("plant").waitForTitles("Water the plants");
            assertThat(first.text("search-note")).startsWith("Searched on the server");
            first.search("").waitForTitles("Buy milk", "Call mum tonight", "Water the plants");
            first.waitForSync("online");
            first.screenshot(shot("list"));
            second.screenshot(shot("second-browser"));

            // Delete in the second browser: gone from the first.
            second.onTodo("Buy milk", "todo-delete");
            first.waitForTitles("Call mum tonight", "Water the plants");

            // Another user: her own write only; its server seq is that one write's, none of the first user's.
            other.add("Bob's own").waitForSync("online");
            other.until(d -> other.text("server-seq").equals("1"));
            assertThat(other.titles()).containsExactly("Bob's own");
            assertThat(other.text("project-list")).isEmpty();
            assertThat(first.titles()).containsExactly("Call mum tonight", "Water the plants");
            other.screenshot(shot("another-user"));
        }
    }

    @Test
    void writesTheServerRefusesShowItsMessageAndLeaveTheOutbox() {
        String carol = "carol-" + run;
        try (Main.Server server = start(0);
                AppBrowser browser = new AppBrowser(page(server))) {
            // A pasted token, as from an identity provider: the token command's, without the admin claim.
            CliRun tokenCommand = CliRun.of(configuration(0), "token", carol, "--ttl", "1h");
            assertThat(tokenCommand.status()).as(tokenCommand.toString()).isZero();
            String token = tokenCommand.out().strip();
            browser.signInWithToken(token, carol).add("Fine").waitForTitles("Fine").waitForSync("online");
            browser.add("x".repeat(201));
            browser.until(d -> !browser.text("error").isEmpty());
            assertThat(browser.text("error")).contains("Not saved (todos insert)").contains("title").contains("200");
            browser.waitForSync("online").waitForTitles("Fine");
            browser.screenshot(shot("refused"));
            // Projects are written with the admin claim only: refused by the policy, and dropped too.
            browser.submitNamed("project", "Home");
            browser.until(d -> browser.text("error").contains("Not saved (projects insert)"));
            assertThat(browser.text("error")).contains("projects");
            browser.waitForSync("online");
            assertThat(browser.text("project-list")).isEmpty();
        }
    }

    @Test
    void writesMadeWhileTheServerIsDownArePushedWhenItIsBack() {
        String dave = "dave-" + run;
        Main.Server server = start(0);
        int port = server.web().port();
        try (AppBrowser first = new AppBrowser(page(server));
                AppBrowser second = new AppBrowser(page(server))) {
            first.signIn(dave).add("Before the outage").waitForTitles("Before the outage").waitForSync("online")
                    .waitForOfflineCopy();
            second.signIn(dave).waitForTitles("Before the outage");

            // Really take the server away.
            server.close();
            first.until(d -> first.text("sync-state").equals("offline"));
            first.add("Written offline");
            first.onTodo("Before the outage", "todo-done");
            first.waitForTitles("Written offline", "Before the outage");
            first.until(d -> first.text("pending-count").equals("2") && first.isDone("Before the outage"));
            first.search("offline").waitForTitles("Written offline");
            assertThat(first.text("search-note")).startsWith("Offline: searched this device's copy");
            first.search("").waitForTitles("Written offline", "Before the outage").screenshot(shot("offline"));
            // Reloaded while the server is down: the page from the service worker, the data and outbox from IndexedDB.
            first.reload().waitForTitles("Written offline", "Before the outage");
            first.until(d -> first.text("sync-state").equals("offline") && first.text("pending-count").equals("2"));
            assertThat(second.titles()).containsExactly("Before the outage");

            // A new server on the same port and database: the first browser pushes, the second pulls.
            server = start(port);
            first.waitForSync("online").waitForTitles("Written offline", "Before the outage");
            second.waitForTitles("Written offline", "Before the outage");
            second.until(d -> second.isDone("Before the outage"));
            assertThat(first.text("server-seq")).isEqualTo("3");
            second.screenshot(shot("back-online"));
        } finally {
            server.close();
        }
    }
}
