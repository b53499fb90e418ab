package dev.optilock.samples;

import dev.optilock.runtime.BatchConflictException;
import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.BatchRows;
import dev.optilock.runtime.Batches;
import dev.optilock.runtime.Columns;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.ConnectionLease;
import dev.optilock.runtime.Database;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.OptimisticLocking;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.Schema;
import dev.optilock.runtime.SchemaReport;
import dev.optilock.runtime.VersionOverflowException;
import dev.optilock.runtime.Versions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
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

    private static final String UPDATE_UNCHECKED = "UPDATE \"document\" SET \"title\" = ?, \"created_at\" = ?, \"version\" = \"version\" + 1 WHERE \"id\" = ? AND \"version\" < 9223372036854775807";

    private static final String UPDATE_UNCHECKED_MYSQL = "UPDATE `document` SET `title` = ?, `created_at` = ?, `version` = `version` + 1 WHERE `id` = ? AND `version` < 9223372036854775807";

    private static final String UPDATE_UNCHECKED_RETURNING = "UPDATE \"document\" SET \"title\" = ?, \"created_at\" = ?, \"version\" = \"version\" + 1 WHERE \"id\" = ? AND \"version\" < 9223372036854775807 RETURNING \"version\"";

    private static final String UPDATE_WITHOUT_INCREMENT = "UPDATE \"document\" SET \"title\" = ?, \"created_at\" = ? WHERE \"id\" = ? AND \"version\" = ?";

    private static final String UPDATE_WITHOUT_INCREMENT_MYSQL = "UPDATE `document` SET `title` = ?, `created_at` = ? WHERE `id` = ? AND `version` = ?";

    private static final String DELETE_UNCHECKED = "DELETE FROM \"document\" WHERE \"id\" = ?";

    private static final String DELETE_UNCHECKED_MYSQL = "DELETE FROM `document` WHERE `id` = ?";

    private static final String SELECT_VERSIONS = "SELECT \"id\", \"version\" FROM \"document\" WHERE \"id\" IN (";

    private static final String SELECT_VERSIONS_MYSQL = "SELECT `id`, `version` FROM `document` WHERE `id` IN (";

    private static final String SELECT_VERSIONS_WHERE = "SELECT \"id\", \"version\" FROM \"document\" WHERE ";

    private static final String SELECT_VERSIONS_WHERE_MYSQL = "SELECT `id`, `version` FROM `document` WHERE ";

    private static final String KEY_CONDITION = "\"id\" = ?";

    private static final String KEY_CONDITION_MYSQL = "`id` = ?";

    private static final String MATCH = "SELECT ?, \"id\", \"version\", CASE WHEN \"version\" = ? THEN 1 ELSE 0 END FROM \"document\" WHERE \"id\" = ?";

    private static final String MATCH_MYSQL = "SELECT ?, `id`, `version`, CASE WHEN `version` = ? THEN 1 ELSE 0 END FROM `document` WHERE `id` = ?";

    private static final String LOCK = "UPDATE \"document\" SET \"id\" = \"id\" WHERE 1 = 0";

    private static final String CREATE_TABLE_SQLITE = "CREATE TABLE IF NOT EXISTS \"document\" (\n"
            + "  \"id\" TEXT NOT NULL,\n"
            + "  \"title\" TEXT,\n"
            + "  \"created_at\" TEXT,\n"
            + "  \"version\" INTEGER NOT NULL,\n"
            + "  PRIMARY KEY (\"id\")\n"
            + ")";

    private static final String CREATE_TABLE_POSTGRESQL = "CREATE TABLE IF NOT EXISTS \"document\" (\n"
            + "  \"id\" UUID NOT NULL,\n"
            + "  \"title\" TEXT,\n"
            + "  \"created_at\" TIMESTAMPTZ,\n"
            + "  \"version\" BIGINT NOT NULL,\n"
            + "  PRIMARY KEY (\"id\")\n"
            + ")";

    private static final String CREATE_TABLE_MARIADB = "CREATE TABLE IF NOT EXISTS `document` (\n"
            + "  `id` CHAR(36) NOT NULL,\n"
            + "  `title` TEXT,\n"
            + "  `created_at` DATETIME(6),\n"
            + "  `version` BIGINT NOT NULL,\n"
            + "  PRIMARY KEY (`id`)\n"
            + ") CHARACTER SET utf8mb4";

    /**
     * What the table of {@code document} must be like, column by column: the Java type of each column's values,
     * the key and the version. {@link #verifySchema()} compares it with the database.
     */
    public static final EntitySchema SCHEMA = EntitySchema.of(
            "dev.optilock.samples.Document", "dev.optilock.samples.DocumentRepository", "document",
            "id UUID KEY",
            "title String",
            "created_at Instant",
            "version Long VERSION INCREMENT");

    private static final Rows ROWS = new Rows();

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
        try (ConnectionLease lease = database.readLease();
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
        try (ConnectionLease lease = database.readLease();
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
        if (!OptimisticLocking.isChecking(Document.class)) {
            return Batches.orNullWhenGone(() -> updateUnchecked(document));
        }
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
        if (!OptimisticLocking.isChecking(Document.class)) {
            deleteUnchecked(document);
            return;
        }
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
                return !resultSet.next() || !Versions.same(Columns.getLong(resultSet, 1), document.getVersion());
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
        try (ConnectionLease lease = database.readLease();
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
     * Writes {@code document} whatever version its row holds now, and still moves the version on (django-concurrency's
     * {@code disable_concurrency}): for imports and repairs that must win. Copies read before stay stale.
     *
     * @return {@code document} itself, its version set to the new one
     * @throws RecordModifiedException when the row is gone
     * @throws VersionOverflowException when the stored version is the largest long; nothing is written
     */
    public Document updateUnchecked(Document document) {
        Objects.requireNonNull(document, "document");
        Long expectedVersion = document.getVersion();
        if (expectedVersion == null || expectedVersion == 0) {
            throw Versions.notSaved(Document.class, document.getId(), expectedVersion);
        }
        Long storedVersion = null;
        try (ConnectionLease lease = database.lease()) {
            boolean returning = lease.updateReturnsStoredRow(false);
            if (!returning) {
                lease.begin();
            }
            try (PreparedStatement statement = returning
                ? lease.connection().prepareStatement(UPDATE_UNCHECKED_RETURNING)
                : lease.prepare(UPDATE_UNCHECKED, UPDATE_UNCHECKED_MYSQL)) {
                statement.setString(1, document.getTitle());
                lease.dialect().setInstant(statement, 2, document.getCreatedAt());
                lease.dialect().setUuid(statement, 3, document.getId());
                if (returning) {
                    try (ResultSet resultSet = statement.executeQuery()) {
                        storedVersion = resultSet.next() ? Columns.getLong(resultSet, 1) : null;
                    }
                } else if (statement.executeUpdate() != 0) {
                    storedVersion = storedVersion(lease, document.getId());
                }
            }
            lease.commit();
        } catch (SQLException e) {
            throw database.failure("updateUnchecked of Document[id=" + document.getId() + "]", e);
        }
        if (storedVersion == null) {
            // no row changed: it is gone, or its version is the largest long
            throw Versions.goneOrAtLargest(conflict(document));
        }
        document.setVersion(storedVersion);
        return document;
    }

    /**
     * Writes {@code document} under the compare-and-set check but keeps its version (a "shadow save",
     * django-concurrency's {@code concurrency_disable_increment}): for changes other copies need not see as edits.
     *
     * @return {@code document} itself, its version unchanged
     * @throws RecordModifiedException when the row was changed or deleted since {@code document} was read
     */
    public Document updateWithoutIncrement(Document document) {
        Objects.requireNonNull(document, "document");
        Long expectedVersion = document.getVersion();
        if (expectedVersion == null || expectedVersion == 0) {
            throw Versions.notSaved(Document.class, document.getId(), expectedVersion);
        }
        boolean updated;
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(UPDATE_WITHOUT_INCREMENT, UPDATE_WITHOUT_INCREMENT_MYSQL)) {
            statement.setString(1, document.getTitle());
            lease.dialect().setInstant(statement, 2, document.getCreatedAt());
            lease.dialect().setUuid(statement, 3, document.getId());
            Columns.setLong(statement, 4, expectedVersion);
            updated = statement.executeUpdate() != 0;
        } catch (SQLException e) {
            throw database.failure("updateWithoutIncrement of Document[id=" + document.getId() + "]", e);
        }
        if (!updated) {
            throw conflict(document);
        }
        return document;
    }

    /**
     * {@link #delete} while optimistic locking is switched off: whatever the version.
     */
    private Document deleteUnchecked(Document document) {
        Objects.requireNonNull(document, "document");
        Long expectedVersion = document.getVersion();
        if (expectedVersion == null || expectedVersion == 0) {
            throw Versions.notSaved(Document.class, document.getId(), expectedVersion);
        }
        boolean deleted;
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(DELETE_UNCHECKED, DELETE_UNCHECKED_MYSQL)) {
            lease.dialect().setUuid(statement, 1, document.getId());
            deleted = statement.executeUpdate() != 0;
        } catch (SQLException e) {
            throw database.failure("delete of Document[id=" + document.getId() + "]", e);
        }
        if (!deleted) {
            throw conflict(document);
        }
        return document;
    }

    /**
     * Compare-and-set updates every entity in one transaction, identifying every conflicting row exactly.
     * With {@link ConflictPolicy#ABORT_ALL} a conflict writes nothing and throws {@link BatchConflictException} listing them all;
     * with {@link ConflictPolicy#SKIP_CONFLICTS} the other rows are written and the conflicts returned.
     *
     * @return the updated entities with their new versions, and the conflicts
     * @throws IllegalArgumentException when an entity was never saved or an id appears twice; nothing is written
     */
    public BatchResult<Document> updateAll(Collection<Document> documents, ConflictPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (!OptimisticLocking.isChecking(Document.class)) {
            return Batches.unchecked(database, ROWS, "documents", documents, policy, this::updateUnchecked);
        }
        return Batches.updateAll(database, ROWS, "documents", documents, policy);
    }

    /**
     * Compare-and-set deletes every entity's row in one transaction; conflicts as in {@link #updateAll}.
     *
     * @return the deleted entities, and the conflicts
     */
    public BatchResult<Document> deleteAll(Collection<Document> documents, ConflictPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (!OptimisticLocking.isChecking(Document.class)) {
            return Batches.unchecked(database, ROWS, "documents", documents, policy, this::deleteUnchecked);
        }
        return Batches.deleteAll(database, ROWS, "documents", documents, policy);
    }

    /**
     * Runs {@code action} in one transaction, only if every selected row still has the version its entity carries;
     * the rows stay locked against other writers while it runs (django-concurrency's guarded admin actions).
     *
     * @return what {@code action} returned
     * @throws BatchConflictException listing every changed or deleted row; {@code action} did not run
     */
    public <R> R ifUnchanged(Collection<Document> selection, Supplier<R> action) {
        return Batches.ifUnchanged(database, ROWS, selection, action);
    }

    /**
     * Loads the row, applies {@code change} and writes it with {@link #update}; on a conflict reloads and
     * applies {@code change} again, with the {@link RetryPolicy#defaults() default} retry policy.
     *
     * @return the stored entity
     * @throws RecordModifiedException the last conflict, when every attempt conflicted
     * @throws NoSuchElementException when there is no row with this id
     */
    public Document modify(UUID id, UnaryOperator<Document> change) {
        return modify(id, change, RetryPolicy.defaults());
    }

    /**
     * {@link #modify(UUID, UnaryOperator)} with {@code policy}'s attempts and backoff. Inside a
     * transaction there is one attempt only (its snapshot would not change).
     */
    public Document modify(UUID id, UnaryOperator<Document> change, RetryPolicy policy) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(policy, "policy");
        return policy.run(database,
                () -> findById(id).orElseThrow(() -> new NoSuchElementException("Document[id=" + id + "] does not exist")),
                change, this::update);
    }

    /**
     * The failure path's one extra query: what the row holds now. A row that still holds the expected version
     * is no conflict (its column keeps the version in another form): that is a {@code DataAccessException}.
     */
    private RecordModifiedException conflict(Document document) {
        Document current = current(document.getId()).orElse(null);
        if (current != null && Versions.same(current.getVersion(), document.getVersion())) {
            throw Versions.representationMismatch(Document.class, document.getId(), document.getVersion(), "document.version");
        }
        return new RecordModifiedException(Document.class, document.getId(), document.getVersion(),
                current == null ? null : current.getVersion(), document, current);
    }

    /**
     * The row as it is now, for a conflict: on MariaDB a locking read, which sees the latest committed row
     * even inside a REPEATABLE READ transaction, not the transaction's snapshot; read again
     * without the lock if that fails transiently outside a transaction ({@code Database.conflictRead}).
     */
    private Optional<Document> current(UUID id) {
        return database.conflictRead("findById of Document[id=" + id + "]", locking -> {
            try (ConnectionLease lease = database.lease();
                PreparedStatement statement = lease.prepare(SELECT_BY_ID,
                    locking ? SELECT_BY_ID_MYSQL + " LOCK IN SHARE MODE" : SELECT_BY_ID_MYSQL)) {
                lease.dialect().setUuid(statement, 1, id);
                try (ResultSet resultSet = statement.executeQuery()) {
                    return resultSet.next() ? Optional.of(read(resultSet, lease.dialect())) : Optional.empty();
                }
            }
        });
    }

    /**
     * The version the row holds now, read on the lease's connection; null when it is gone.
     */
    private static Long storedVersion(ConnectionLease lease, UUID id) throws SQLException {
        try (PreparedStatement statement = lease.prepare(SELECT_VERSION, SELECT_VERSION_MYSQL)) {
            lease.dialect().setUuid(statement, 1, id);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next() ? Columns.getLong(resultSet, 1) : null;
            }
        }
    }

    /**
     * The {@code CREATE TABLE IF NOT EXISTS} statement for {@code document} on {@code dialect}, with the column types of
     * {@code docs/types.md}: a starting point for a migration, or the schema of tests and demos.
     */
    public static String createTableSql(Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect");
        return switch (dialect) {
            case SQLITE -> CREATE_TABLE_SQLITE;
            case POSTGRESQL -> CREATE_TABLE_POSTGRESQL;
            case MARIADB -> CREATE_TABLE_MARIADB;
        };
    }

    /**
     * Creates the table (and nothing else) if it is not there yet, for the database's dialect.
     */
    public void createTable() {
        try (ConnectionLease lease = database.lease();
            Statement statement = lease.connection().createStatement()) {
            statement.execute(createTableSql(lease.dialect()));
        } catch (SQLException e) {
            throw database.failure("createTable of Document", e);
        }
    }

    /**
     * Compares the table with {@link #SCHEMA}: that it exists with every column, in types that hold the fields'
     * values exactly, NOT NULL where a primitive or the version is stored, with {@code id} as its primary key,
     * and a version column that keeps every version. Reads the catalog only: call it at start-up.
     *
     * @return every mismatch with its fix; {@link SchemaReport#isValid()} when there is none
     */
    public SchemaReport verifySchema() {
        return Schema.verify(database.dataSource(), SCHEMA);
    }

    private static Document read(ResultSet resultSet, Dialect dialect) throws SQLException {
        Document entity = new Document();
        entity.setId(dialect.getUuid(resultSet, 1));
        entity.setTitle(resultSet.getString(2));
        entity.setCreatedAt(dialect.getInstant(resultSet, 3));
        entity.setVersion(Columns.getLong(resultSet, 4));
        return entity;
    }

    /**
     * How {@link Batches} reads and binds {@link Document} rows.
     */
    private static final class Rows implements BatchRows<Document> {
        @Override
        public Class<Document> entityType() {
            return Document.class;
        }

        @Override
        public Object id(Document document) {
            return document.getId();
        }

        @Override
        public Object version(Document document) {
            return document.getVersion();
        }

        @Override
        public boolean unsaved(Document document) {
            return document.getVersion() == null || document.getVersion() == 0;
        }

        @Override
        public String updateSql(Dialect dialect) {
            return dialect == Dialect.MARIADB ? UPDATE_MYSQL : UPDATE;
        }

        @Override
        public String deleteSql(Dialect dialect) {
            return dialect == Dialect.MARIADB ? DELETE_MYSQL : DELETE;
        }

        @Override
        public String selectVersionsPrefix(Dialect dialect) {
            return dialect == Dialect.MARIADB ? SELECT_VERSIONS_MYSQL : SELECT_VERSIONS;
        }

        @Override
        public String selectVersionsWhere(Dialect dialect) {
            return dialect == Dialect.MARIADB ? SELECT_VERSIONS_WHERE_MYSQL : SELECT_VERSIONS_WHERE;
        }

        @Override
        public String keyCondition(Dialect dialect) {
            return dialect == Dialect.MARIADB ? KEY_CONDITION_MYSQL : KEY_CONDITION;
        }

        @Override
        public String matchSql(Dialect dialect) {
            return dialect == Dialect.MARIADB ? MATCH_MYSQL : MATCH;
        }

        @Override
        public String lockSql(Dialect dialect) {
            return LOCK;
        }

        @Override
        public Object bindUpdate(PreparedStatement statement, Dialect dialect, Document document)
                throws SQLException {
            Long expectedVersion = document.getVersion();
            long nextVersion = Versions.next(expectedVersion);
            statement.setString(1, document.getTitle());
            dialect.setInstant(statement, 2, document.getCreatedAt());
            Columns.setLong(statement, 3, nextVersion);
            dialect.setUuid(statement, 4, document.getId());
            Columns.setLong(statement, 5, expectedVersion);
            return nextVersion;
        }

        @Override
        public void bindDelete(PreparedStatement statement, Dialect dialect, Document document)
                throws SQLException {
            dialect.setUuid(statement, 1, document.getId());
            Columns.setLong(statement, 2, document.getVersion());
        }

        @Override
        public void bindId(PreparedStatement statement, Dialect dialect, int index, Object id)
                throws SQLException {
            dialect.setUuid(statement, index, (UUID) id);
        }

        @Override
        public void bindVersion(PreparedStatement statement, Dialect dialect, int index,
                Object version) throws SQLException {
            Columns.setLong(statement, index, (Long) version);
        }

        @Override
        public Object readId(ResultSet resultSet, Dialect dialect, int index) throws SQLException {
            return dialect.getUuid(resultSet, index);
        }

        @Override
        public Object readVersion(ResultSet resultSet, Dialect dialect, int index) throws
                SQLException {
            return Columns.getLong(resultSet, index);
        }

        @Override
        public Document withVersion(Document document, Object version) {
            document.setVersion((Long) version);
            return document;
        }
    }
}
