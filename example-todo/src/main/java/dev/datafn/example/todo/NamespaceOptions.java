package dev.datafn.example.todo;

import dev.datafn.error.DataFnException;
import dev.datafn.schema.Namespace;
import picocli.CommandLine.Option;

/**
 * The namespace a command reads or writes, named as the server derives it from a token ({@code user:<sub>}, or
 * {@code tenant:<tenant>:user:<sub>} with a tenant), or given whole with {@code --namespace}.
 */
final class NamespaceOptions {

    @Option(names = "--user", paramLabel = "SUB", description = "The user (a token's sub) whose namespace it is.")
    private String user;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "The user's tenant (a token's tenant claim).")
    private String tenant;

    @Option(names = "--namespace", paramLabel = "NS", description = "The namespace itself, instead of --user.")
    private String namespace;

    /**
     * @return the namespace named
     * @throws IllegalArgumentException unless exactly one of {@code --user} and {@code --namespace} is given, or
     *                                  for a {@code --tenant} without a user
     */
    Namespace namespace() {
        if ((user == null) == (namespace == null) || (tenant != null && user == null)) {
            throw new IllegalArgumentException("name the namespace: --user SUB [--tenant TENANT], as a token "
                    + "would, or --namespace NS");
        }
        try {
            if (namespace != null) {
                return Namespace.of(namespace);
            }
            return tenant == null ? Namespace.user(user) : Namespace.tenantUser(tenant, user);
        } catch (DataFnException e) {
            throw new IllegalArgumentException("a namespace is 1 to " + Namespace.MAX_LENGTH
                    + " characters without control characters", e);
        }
    }

    /** @return who the change log records as writing: the user, as the server records a token's sub */
    String actor() {
        return user != null ? user : "cli";
    }
}
