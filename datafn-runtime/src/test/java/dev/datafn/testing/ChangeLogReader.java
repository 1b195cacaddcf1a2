package dev.datafn.testing;

import dev.datafn.db.Database;
import dev.datafn.schema.Namespace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the system tables with plain JDBC, so tests check what was stored, not what the engine says. */
public final class ChangeLogReader {

    private final Database database;

    /** @param database the database to read */
    public ChangeLogReader(Database database) {
        this.database = database;
    }

    /** A stored change record; {@code link} is the changed relation link's JSON text, or {@code null}. */
    public record StoredChange(long serverSeq, String resource, String recordId, String operation, String clientId,
            String mutationId, String actor, String link) {
    }

    /** @param namespace a namespace @return its change records, by serverSeq */
    public List<StoredChange> changes(Namespace namespace) {
        List<StoredChange> out = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("select server_seq, resource, record_id, op, client_id, "
                     + "mutation_id, actor, link from datafn_changes where namespace = ? order by server_seq")) {
            s.setString(1, namespace.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * @param namespace a namespace
     * @param serverSeq a serverSeq of it
     * @return the change record's data, as stored
     */
    public String data(Namespace namespace, long serverSeq) {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("select data from datafn_changes where namespace = ? and server_seq = ?")) {
            s.setString(1, namespace.value());
            s.setLong(2, serverSeq);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param sql a count query with one namespace parameter @param namespace the namespace @return the count */
    public long count(String sql, Namespace namespace) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, namespace.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
