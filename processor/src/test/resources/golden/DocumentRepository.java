package dev.optilock.samples;

import dev.optilock.runtime.Columns;
import dev.optilock.runtime.ConnectionLease;
import dev.optilock.runtime.Database;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Versions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.annotation.processing.Generated;
import javax.sql.DataSource;

/**
 * Compare-and-set JDBC repository for {@link Document}, table {@code document}.
 *
 * <p>Updates and deletes only succeed when the row still has the version the entity carries;
 * otherwise they write nothing and throw {@link RecordModifiedException}. Written by the optilock processor.
 */
@Generated("dev.optilock.processor.OptilockProcessor")
public final class DocumentRepository {
    private static final String INSERT = "INSERT INTO \"document\" (\"id\", \"title\", \"created_at\", \"version\") VALUES (?, ?, ?, ?)";

    private static final String INSERT_MYSQL = "INSERT INTO `document` (`id`, `title`, `created_at`, `version`) VALUES (?, ?, ?, ?)";

    private static final String SELECT_BY_ID = "SELECT \"id\", \"title\", \"created_at\", \"version\" FROM \"document\" WHERE \"id\" = ?";

    private static final String SELECT_BY_ID_MYSQL = "SELECT `id`, `title`, `created_at`, `version` FROM `document` WHERE `id` = ?";

    private static final String SELECT_ALL = "SELECT \"id\", \"title\", \"created_at\", \"version\" FROM \"document\" ORDER BY \"id\"";

    private static final String SELECT_ALL_MYSQL = "SELECT `id`, `title`, `created_at`, `version` FROM `document` ORDER BY `id`";

    private static final String SELECT_BY_ID_AND_VERSION = "SELECT \"id\", \"title\", \"created_at\", \"version\" FROM \"document\" WHERE \"id\" = ? AND \"version\" = ?";

    private static final String SELECT_BY_ID_AND_VERSION_MYSQL = "SELECT `id`, `title`, `created_at`, `version` FROM `document` WHERE `id` = ? AND `version` = ?";

    private static final String SELECT_VERSION = "SELECT \"version\" FROM \"document\" WHERE \"id\" = ?";

    private static final String SELECT_VERSION_MYSQL = "SELECT `version` FROM `document` WHERE `id` = ?";

    private static final String UPDATE = "UPDATE \"document\" SET \"title\" = ?, \"created_at\" = ?, \"version\" = ? WHERE \"id\" = ? AND \"version\" = ?";

    private static final String UPDATE_MYSQL = "UPDATE `document` SET `title` = ?, `created_at` = ?, `version` = ? WHERE `id` = ? AND `version` = ?";

    private static final String DELETE = "DELETE FROM \"document\" WHERE \"id\" = ? AND \"version\" = ?";

    private static final String DELETE_MYSQL = "DELETE FROM `document` WHERE `id` = ? AND `version` = ?";

    private final Database database;

    /**
     * Creates the repository. The database's dialect is detected from the first connection it uses.
     *
     * @param dataSource where connections come from
     */
    public DocumentRepository(DataSource dataSource) {
        this.database = Database.of(dataSource);
    }

    /**
     * Inserts a row with version 1, whatever version {@code document} carries.
     *
     * @return the stored entity: {@code document} itself, its version set to that one
     */
    public Document insert(Document document) {
        Objects.requireNonNull(document, "document");
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(INSERT, INSERT_MYSQL)) {
            lease.dialect().setUuid(statement, 1, document.getId());
            statement.setString(2, document.getTitle());
            lease.dialect().setInstant(statement, 3, document.getCreatedAt());
            Columns.setLong(statement, 4, 1L);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw database.failure("insert of Document[id=" + document.getId() + "]", e);
        }
        document.setVersion(1L);
        return document;
    }

    /**
     * The row with this id, or empty.
     */
    public Optional<Document> findById(UUID id) {
        Objects.requireNonNull(id, "id");
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(SELECT_BY_ID, SELECT_BY_ID_MYSQL)) {
            lease.dialect().setUuid(statement, 1, id);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next() ? Optional.of(read(resultSet, lease.dialect())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw database.failure("findById of Document[id=" + id + "]", e);
        }
    }

    /**
     * Every row, ordered by {@code id}.
     */
    public List<Document> findAll() {
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(SELECT_ALL, SELECT_ALL_MYSQL)) {
            try (ResultSet resultSet = statement.executeQuery()) {
                List<Document> entities = new ArrayList<>();
                while (resultSet.next()) {
                    entities.add(read(resultSet, lease.dialect()));
                }
                return entities;
            }
        } catch (SQLException e) {
            throw database.failure("findAll of Document", e);
        }
    }

    /**
     * Writes {@code document} if its row still has the version {@code document} carries, and moves the version on.
     * One statement: {@code UPDATE ... WHERE id = ? AND version = ?}.
     *
     * @return {@code document} itself, its version set to the new one
     * @throws RecordModifiedException when the row was changed or deleted since {@code document} was read; nothing is written
     *     and {@code document} is left as it was
     * @throws IllegalArgumentException when {@code document} was never saved
     */
    public Document update(Document document) {
        Document updated = updateOrNull(document);
        if (updated == null) {
            throw conflict(document);
        }
        return updated;
    }

    /**
     * Like {@link #update}, but a conflict gives an empty result instead of an exception (and costs no extra query).
     *
     * @return {@code document} itself, its version set to the new one, or empty when the row was changed or deleted
     */
    public Optional<Document> tryUpdate(Document document) {
        return Optional.ofNullable(updateOrNull(document));
    }

    private Document updateOrNull(Document document) {
        Objects.requireNonNull(document, "document");
        Long expectedVersion = document.getVersion();
        if (expectedVersion == null || expectedVersion == 0) {
            throw Versions.notSaved(Document.class, document.getId(), expectedVersion);
        }
        long nextVersion = Versions.next(expectedVersion);
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(UPDATE, UPDATE_MYSQL)) {
            statement.setString(1, document.getTitle());
            lease.dialect().setInstant(statement, 2, document.getCreatedAt());
            Columns.setLong(statement, 3, nextVersion);
            lease.dialect().setUuid(statement, 4, document.getId());
            Columns.setLong(statement, 5, expectedVersion);
            if (statement.executeUpdate() == 0) {
                return null;
            }
        } catch (SQLException e) {
            throw database.failure("update of Document[id=" + document.getId() + "]", e);
        }
        document.setVersion(nextVersion);
        return document;
    }

    /**
     * Deletes the row of {@code document} if it still has the version {@code document} carries.
     * One statement: {@code DELETE ... WHERE id = ? AND version = ?}.
     *
     * @throws RecordModifiedException when the row was changed or deleted since {@code document} was read; nothing is deleted
     * @throws IllegalArgumentException when {@code document} was never saved
     */
    public void delete(Document document) {
        Objects.requireNonNull(document, "document");
        Long expectedVersion = document.getVersion();
        if (expectedVersion == null || expectedVersion == 0) {
            throw Versions.notSaved(Document.class, document.getId(), expectedVersion);
        }
        boolean deleted;
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(DELETE, DELETE_MYSQL)) {
            lease.dialect().setUuid(statement, 1, document.getId());
            Columns.setLong(statement, 2, expectedVersion);
            deleted = statement.executeUpdate() != 0;
        } catch (SQLException e) {
            throw database.failure("delete of Document[id=" + document.getId() + "]", e);
        }
        if (!deleted) {
            throw conflict(document);
        }
    }

    /**
     * Inserts {@code document} when its version holds the unsaved default (null or 0), else updates it.
     *
     * @return the stored entity, as {@link #insert} or {@link #update} return it
     * @throws RecordModifiedException when the update finds the row changed or deleted
     */
    public Document save(Document document) {
        Objects.requireNonNull(document, "document");
        return document.getVersion() == null || document.getVersion() == 0 ? insert(document) : update(document);
    }

    /**
     * Whether the stored row's version differs from the one {@code document} carries, or the row is gone.
     * Reads only the version column.
     */
    public boolean isChanged(Document document) {
        Objects.requireNonNull(document, "document");
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(SELECT_VERSION, SELECT_VERSION_MYSQL)) {
            lease.dialect().setUuid(statement, 1, document.getId());
            try (ResultSet resultSet = statement.executeQuery()) {
                return !resultSet.next() || !Objects.equals(Columns.getLong(resultSet, 1), document.getVersion());
            }
        } catch (SQLException e) {
            throw database.failure("isChanged of Document[id=" + document.getId() + "]", e);
        }
    }

    /**
     * The row with this id, only if it still has exactly this version.
     */
    public Optional<Document> findByIdAndVersion(UUID id, Long version) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(SELECT_BY_ID_AND_VERSION, SELECT_BY_ID_AND_VERSION_MYSQL)) {
            lease.dialect().setUuid(statement, 1, id);
            Columns.setLong(statement, 2, version);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next() ? Optional.of(read(resultSet, lease.dialect())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw database.failure("findByIdAndVersion of Document[id=" + id + "]", e);
        }
    }

    /**
     * The failure path's one extra query: what the row holds now.
     */
    private RecordModifiedException conflict(Document document) {
        Document current = findById(document.getId()).orElse(null);
        return new RecordModifiedException(Document.class, document.getId(), document.getVersion(),
                current == null ? null : current.getVersion(), document, current);
    }

    private static Document read(ResultSet resultSet, Dialect dialect) throws SQLException {
        Document entity = new Document();
        entity.setId(dialect.getUuid(resultSet, 1));
        entity.setTitle(resultSet.getString(2));
        entity.setCreatedAt(dialect.getInstant(resultSet, 3));
        entity.setVersion(Columns.getLong(resultSet, 4));
        return entity;
    }
}
