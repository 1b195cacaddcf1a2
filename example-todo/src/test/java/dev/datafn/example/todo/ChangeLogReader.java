package dev.datafn.example.todo;

import dev.datafn.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the system tables with plain JDBC, so tests check what was stored, not what the engine says. */
final class ChangeLogReader {

    private final Database database;

    ChangeLogReader(Database database) {
        this.database = database;
    }

    /** A stored change record. */
    record StoredChange(long serverSeq, String resource, String recordId, String operation, String clientId,
            String mutationId, String actor) {
    }

    List<StoredChange> changes(String namespace) {
        List<StoredChange> out = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("select server_seq, resource, record_id, op, client_id, "
                     + "mutation_id, actor from datafn_changes where namespace = ? order by server_seq")) {
            s.setString(1, namespace);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    long count(String sql, String namespace) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, namespace);
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
