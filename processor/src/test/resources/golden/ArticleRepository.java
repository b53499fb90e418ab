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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;
import javax.sql.DataSource;

/**
 * Compare-and-set JDBC repository for {@link Article}, table {@code article}.
 *
 * <p>Updates and deletes only succeed when the row still has the version the entity carries;
 * otherwise they write nothing and throw {@link RecordModifiedException}. Written by the optilock processor.
 */
@Generated("dev.optilock.processor.OptilockProcessor")
public final class ArticleRepository {
    private static final String INSERT = "INSERT INTO \"article\" (\"id\", \"title\", \"body\", \"version\") VALUES (?, ?, ?, ?)";

    private static final String INSERT_MYSQL = "INSERT INTO `article` (`id`, `title`, `body`, `version`) VALUES (?, ?, ?, ?)";

    private static final String SELECT_BY_ID = "SELECT \"id\", \"title\", \"body\", \"version\" FROM \"article\" WHERE \"id\" = ?";

    private static final String SELECT_BY_ID_MYSQL = "SELECT `id`, `title`, `body`, `version` FROM `article` WHERE `id` = ?";

    private static final String SELECT_ALL = "SELECT \"id\", \"title\", \"body\", \"version\" FROM \"article\" ORDER BY \"id\"";

    private static final String SELECT_ALL_MYSQL = "SELECT `id`, `title`, `body`, `version` FROM `article` ORDER BY `id`";

    private static final String SELECT_BY_ID_AND_VERSION = "SELECT \"id\", \"title\", \"body\", \"version\" FROM \"article\" WHERE \"id\" = ? AND \"version\" = ?";

    private static final String SELECT_BY_ID_AND_VERSION_MYSQL = "SELECT `id`, `title`, `body`, `version` FROM `article` WHERE `id` = ? AND `version` = ?";

    private static final String SELECT_VERSION = "SELECT \"version\" FROM \"article\" WHERE \"id\" = ?";

    private static final String SELECT_VERSION_MYSQL = "SELECT `version` FROM `article` WHERE `id` = ?";

    private static final String UPDATE = "UPDATE \"article\" SET \"title\" = ?, \"body\" = ?, \"version\" = ? WHERE \"id\" = ? AND \"version\" = ?";

    private static final String UPDATE_MYSQL = "UPDATE `article` SET `title` = ?, `body` = ?, `version` = ? WHERE `id` = ? AND `version` = ?";

    private static final String DELETE = "DELETE FROM \"article\" WHERE \"id\" = ? AND \"version\" = ?";

    private static final String DELETE_MYSQL = "DELETE FROM `article` WHERE `id` = ? AND `version` = ?";

    private static final String UPDATE_UNCHECKED = "UPDATE \"article\" SET \"title\" = ?, \"body\" = ?, \"version\" = \"version\" + 1 WHERE \"id\" = ? AND \"version\" < 9223372036854775807";

    private static final String UPDATE_UNCHECKED_MYSQL = "UPDATE `article` SET `title` = ?, `body` = ?, `version` = `version` + 1 WHERE `id` = ? AND `version` < 9223372036854775807";

    private static final String UPDATE_UNCHECKED_RETURNING = "UPDATE \"article\" SET \"title\" = ?, \"body\" = ?, \"version\" = \"version\" + 1 WHERE \"id\" = ? AND \"version\" < 9223372036854775807 RETURNING \"version\"";

    private static final String UPDATE_WITHOUT_INCREMENT = "UPDATE \"article\" SET \"title\" = ?, \"body\" = ? WHERE \"id\" = ? AND \"version\" = ?";

    private static final String UPDATE_WITHOUT_INCREMENT_MYSQL = "UPDATE `article` SET `title` = ?, `body` = ? WHERE `id` = ? AND `version` = ?";

    private static final String DELETE_UNCHECKED = "DELETE FROM \"article\" WHERE \"id\" = ?";

    private static final String DELETE_UNCHECKED_MYSQL = "DELETE FROM `article` WHERE `id` = ?";

    private static final String SELECT_VERSIONS = "SELECT \"id\", \"version\" FROM \"article\" WHERE \"id\" IN (";

    private static final String SELECT_VERSIONS_MYSQL = "SELECT `id`, `version` FROM `article` WHERE `id` IN (";

    private static final String SELECT_VERSIONS_WHERE = "SELECT \"id\", \"version\" FROM \"article\" WHERE ";

    private static final String SELECT_VERSIONS_WHERE_MYSQL = "SELECT `id`, `version` FROM `article` WHERE ";

    private static final String KEY_CONDITION = "\"id\" = ?";

    private static final String KEY_CONDITION_MYSQL = "`id` = ?";

    private static final String MATCH = "SELECT ?, \"id\", \"version\", CASE WHEN \"version\" = ? THEN 1 ELSE 0 END FROM \"article\" WHERE \"id\" = ?";

    private static final String MATCH_MYSQL = "SELECT ?, `id`, `version`, CASE WHEN `version` = ? THEN 1 ELSE 0 END FROM `article` WHERE `id` = ?";

    private static final String LOCK = "UPDATE \"article\" SET \"id\" = \"id\" WHERE 1 = 0";

    private static final String CREATE_TABLE_SQLITE = "CREATE TABLE IF NOT EXISTS \"article\" (\n"
            + "  \"id\" INTEGER NOT NULL,\n"
            + "  \"title\" TEXT,\n"
            + "  \"body\" TEXT,\n"
            + "  \"version\" INTEGER NOT NULL,\n"
            + "  PRIMARY KEY (\"id\")\n"
            + ")";

    private static final String CREATE_TABLE_POSTGRESQL = "CREATE TABLE IF NOT EXISTS \"article\" (\n"
            + "  \"id\" BIGINT NOT NULL,\n"
            + "  \"title\" TEXT,\n"
            + "  \"body\" TEXT,\n"
            + "  \"version\" BIGINT NOT NULL,\n"
            + "  PRIMARY KEY (\"id\")\n"
            + ")";

    private static final String CREATE_TABLE_MARIADB = "CREATE TABLE IF NOT EXISTS `article` (\n"
            + "  `id` BIGINT NOT NULL,\n"
            + "  `title` TEXT,\n"
            + "  `body` TEXT,\n"
            + "  `version` BIGINT NOT NULL,\n"
            + "  PRIMARY KEY (`id`)\n"
            + ") CHARACTER SET utf8mb4";

    /**
     * What the table of {@code article} must be like, column by column: the Java type of each column's values,
     * the key and the version. {@link #verifySchema()} compares it with the database.
     */
    public static final EntitySchema SCHEMA = EntitySchema.of(
            "dev.optilock.samples.Article", "dev.optilock.samples.ArticleRepository", "article",
            "id long KEY",
            "title String",
            "body String",
            "version long VERSION INCREMENT");

    private static final Rows ROWS = new Rows();

    private final Database database;

    /**
     * Creates the repository. The database's dialect is detected from the first connection it uses.
     *
     * @param dataSource where connections come from
     */
    public ArticleRepository(DataSource dataSource) {
        this.database = Database.of(dataSource);
    }

    /**
     * Inserts a row with version 1, whatever version {@code article} carries.
     *
     * @return the stored entity: a new instance with that version
     */
    public Article insert(Article article) {
        Objects.requireNonNull(article, "article");
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(INSERT, INSERT_MYSQL)) {
            statement.setLong(1, article.id());
            statement.setString(2, article.title());
            statement.setString(3, article.body());
            statement.setLong(4, 1L);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw database.failure("insert of Article[id=" + article.id() + "]", e);
        }
        return withVersion(article, 1L);
    }

    /**
     * The row with this id, or empty.
     */
    public Optional<Article> findById(long id) {
        try (ConnectionLease lease = database.readLease();
            PreparedStatement statement = lease.prepare(SELECT_BY_ID, SELECT_BY_ID_MYSQL)) {
            statement.setLong(1, id);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next() ? Optional.of(read(resultSet, lease.dialect())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw database.failure("findById of Article[id=" + id + "]", e);
        }
    }

    /**
     * Every row, ordered by {@code id}.
     */
    public List<Article> findAll() {
        try (ConnectionLease lease = database.readLease();
            PreparedStatement statement = lease.prepare(SELECT_ALL, SELECT_ALL_MYSQL)) {
            try (ResultSet resultSet = statement.executeQuery()) {
                List<Article> entities = new ArrayList<>();
                while (resultSet.next()) {
                    entities.add(read(resultSet, lease.dialect()));
                }
                return entities;
            }
        } catch (SQLException e) {
            throw database.failure("findAll of Article", e);
        }
    }

    /**
     * Writes {@code article} if its row still has the version {@code article} carries, and moves the version on.
     * One statement: {@code UPDATE ... WHERE id = ? AND version = ?}.
     *
     * @return a new instance with the new version
     * @throws RecordModifiedException when the row was changed or deleted since {@code article} was read; nothing is written
     *     and {@code article} is left as it was
     * @throws IllegalArgumentException when {@code article} was never saved
     */
    public Article update(Article article) {
        Article updated = updateOrNull(article);
        if (updated == null) {
            throw conflict(article);
        }
        return updated;
    }

    /**
     * Like {@link #update}, but a conflict gives an empty result instead of an exception (and costs no extra query).
     *
     * @return a new instance with the new version, or empty when the row was changed or deleted
     */
    public Optional<Article> tryUpdate(Article article) {
        return Optional.ofNullable(updateOrNull(article));
    }

    private Article updateOrNull(Article article) {
        if (!OptimisticLocking.isChecking(Article.class)) {
            return Batches.orNullWhenGone(() -> updateUnchecked(article));
        }
        Objects.requireNonNull(article, "article");
        long expectedVersion = article.version();
        if (expectedVersion == 0) {
            throw Versions.notSaved(Article.class, article.id(), expectedVersion);
        }
        long nextVersion = Versions.next(expectedVersion);
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(UPDATE, UPDATE_MYSQL)) {
            statement.setString(1, article.title());
            statement.setString(2, article.body());
            statement.setLong(3, nextVersion);
            statement.setLong(4, article.id());
            statement.setLong(5, expectedVersion);
            if (statement.executeUpdate() == 0) {
                return null;
            }
        } catch (SQLException e) {
            throw database.failure("update of Article[id=" + article.id() + "]", e);
        }
        return withVersion(article, nextVersion);
    }

    /**
     * Deletes the row of {@code article} if it still has the version {@code article} carries.
     * One statement: {@code DELETE ... WHERE id = ? AND version = ?}.
     *
     * @throws RecordModifiedException when the row was changed or deleted since {@code article} was read; nothing is deleted
     * @throws IllegalArgumentException when {@code article} was never saved
     */
    public void delete(Article article) {
        Objects.requireNonNull(article, "article");
        if (!OptimisticLocking.isChecking(Article.class)) {
            deleteUnchecked(article);
            return;
        }
        long expectedVersion = article.version();
        if (expectedVersion == 0) {
            throw Versions.notSaved(Article.class, article.id(), expectedVersion);
        }
        boolean deleted;
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(DELETE, DELETE_MYSQL)) {
            statement.setLong(1, article.id());
            statement.setLong(2, expectedVersion);
            deleted = statement.executeUpdate() != 0;
        } catch (SQLException e) {
            throw database.failure("delete of Article[id=" + article.id() + "]", e);
        }
        if (!deleted) {
            throw conflict(article);
        }
    }

    /**
     * Inserts {@code article} when its version holds the unsaved default (0), else updates it.
     *
     * @return the stored entity, as {@link #insert} or {@link #update} return it
     * @throws RecordModifiedException when the update finds the row changed or deleted
     */
    public Article save(Article article) {
        Objects.requireNonNull(article, "article");
        return article.version() == 0 ? insert(article) : update(article);
    }

    /**
     * Whether the stored row's version differs from the one {@code article} carries, or the row is gone.
     * Reads only the version column.
     */
    public boolean isChanged(Article article) {
        Objects.requireNonNull(article, "article");
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(SELECT_VERSION, SELECT_VERSION_MYSQL)) {
            statement.setLong(1, article.id());
            try (ResultSet resultSet = statement.executeQuery()) {
                return !resultSet.next() || resultSet.getLong(1) != article.version();
            }
        } catch (SQLException e) {
            throw database.failure("isChanged of Article[id=" + article.id() + "]", e);
        }
    }

    /**
     * The row with this id, only if it still has exactly this version.
     */
    public Optional<Article> findByIdAndVersion(long id, long version) {
        try (ConnectionLease lease = database.readLease();
            PreparedStatement statement = lease.prepare(SELECT_BY_ID_AND_VERSION, SELECT_BY_ID_AND_VERSION_MYSQL)) {
            statement.setLong(1, id);
            statement.setLong(2, version);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next() ? Optional.of(read(resultSet, lease.dialect())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw database.failure("findByIdAndVersion of Article[id=" + id + "]", e);
        }
    }

    /**
     * Writes {@code article} whatever version its row holds now, and still moves the version on (django-concurrency's
     * {@code disable_concurrency}): for imports and repairs that must win. Copies read before stay stale.
     *
     * @return a new instance with the new version
     * @throws RecordModifiedException when the row is gone
     * @throws VersionOverflowException when the stored version is the largest long; nothing is written
     */
    public Article updateUnchecked(Article article) {
        Objects.requireNonNull(article, "article");
        long expectedVersion = article.version();
        if (expectedVersion == 0) {
            throw Versions.notSaved(Article.class, article.id(), expectedVersion);
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
                statement.setString(1, article.title());
                statement.setString(2, article.body());
                statement.setLong(3, article.id());
                if (returning) {
                    try (ResultSet resultSet = statement.executeQuery()) {
                        storedVersion = resultSet.next() ? Columns.getLong(resultSet, 1) : null;
                    }
                } else if (statement.executeUpdate() != 0) {
                    storedVersion = storedVersion(lease, article.id());
                }
            }
            lease.commit();
        } catch (SQLException e) {
            throw database.failure("updateUnchecked of Article[id=" + article.id() + "]", e);
        }
        if (storedVersion == null) {
            // no row changed: it is gone, or its version is the largest long
            throw Versions.goneOrAtLargest(conflict(article));
        }
        return withVersion(article, storedVersion);
    }

    /**
     * Writes {@code article} under the compare-and-set check but keeps its version (a "shadow save",
     * django-concurrency's {@code concurrency_disable_increment}): for changes other copies need not see as edits.
     *
     * @return {@code article} itself, its version unchanged
     * @throws RecordModifiedException when the row was changed or deleted since {@code article} was read
     */
    public Article updateWithoutIncrement(Article article) {
        Objects.requireNonNull(article, "article");
        long expectedVersion = article.version();
        if (expectedVersion == 0) {
            throw Versions.notSaved(Article.class, article.id(), expectedVersion);
        }
        boolean updated;
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(UPDATE_WITHOUT_INCREMENT, UPDATE_WITHOUT_INCREMENT_MYSQL)) {
            statement.setString(1, article.title());
            statement.setString(2, article.body());
            statement.setLong(3, article.id());
            statement.setLong(4, expectedVersion);
            updated = statement.executeUpdate() != 0;
        } catch (SQLException e) {
            throw database.failure("updateWithoutIncrement of Article[id=" + article.id() + "]", e);
        }
        if (!updated) {
            throw conflict(article);
        }
        return article;
    }

    /**
     * {@link #delete} while optimistic locking is switched off: whatever the version.
     */
    private Article deleteUnchecked(Article article) {
        Objects.requireNonNull(article, "article");
        long expectedVersion = article.version();
        if (expectedVersion == 0) {
            throw Versions.notSaved(Article.class, article.id(), expectedVersion);
        }
        boolean deleted;
        try (ConnectionLease lease = database.lease();
            PreparedStatement statement = lease.prepare(DELETE_UNCHECKED, DELETE_UNCHECKED_MYSQL)) {
            statement.setLong(1, article.id());
            deleted = statement.executeUpdate() != 0;
        } catch (SQLException e) {
            throw database.failure("delete of Article[id=" + article.id() + "]", e);
        }
        if (!deleted) {
            throw conflict(article);
        }
        return article;
    }

    /**
     * Compare-and-set updates every entity in one transaction, identifying every conflicting row exactly.
     * With {@link ConflictPolicy#ABORT_ALL} a conflict writes nothing and throws {@link BatchConflictException} listing them all;
     * with {@link ConflictPolicy#SKIP_CONFLICTS} the other rows are written and the conflicts returned.
     *
     * @return the updated entities with their new versions, and the conflicts
     * @throws IllegalArgumentException when an entity was never saved or an id appears twice; nothing is written
     */
    public BatchResult<Article> updateAll(Collection<Article> articles, ConflictPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (!OptimisticLocking.isChecking(Article.class)) {
            return Batches.unchecked(database, ROWS, "articles", articles, policy, this::updateUnchecked);
        }
        return Batches.updateAll(database, ROWS, "articles", articles, policy);
    }

    /**
     * Compare-and-set deletes every entity's row in one transaction; conflicts as in {@link #updateAll}.
     *
     * @return the deleted entities, and the conflicts
     */
    public BatchResult<Article> deleteAll(Collection<Article> articles, ConflictPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (!OptimisticLocking.isChecking(Article.class)) {
            return Batches.unchecked(database, ROWS, "articles", articles, policy, this::deleteUnchecked);
        }
        return Batches.deleteAll(database, ROWS, "articles", articles, policy);
    }

    /**
     * Runs {@code action} in one transaction, only if every selected row still has the version its entity carries;
     * the rows stay locked against other writers while it runs (django-concurrency's guarded admin actions).
     *
     * @return what {@code action} returned
     * @throws BatchConflictException listing every changed or deleted row; {@code action} did not run
     */
    public <R> R ifUnchanged(Collection<Article> selection, Supplier<R> action) {
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
    public Article modify(long id, UnaryOperator<Article> change) {
        return modify(id, change, RetryPolicy.defaults());
    }

    /**
     * {@link #modify(long, UnaryOperator)} with {@code policy}'s attempts and backoff. Inside a
     * transaction there is one attempt only (its snapshot would not change).
     */
    public Article modify(long id, UnaryOperator<Article> change, RetryPolicy policy) {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(policy, "policy");
        return policy.run(database,
                () -> findById(id).orElseThrow(() -> new NoSuchElementException("Article[id=" + id + "] does not exist")),
                change, this::update);
    }

    /**
     * The failure path's one extra query: what the row holds now. A row that still holds the expected version
     * is no conflict (its column keeps the version in another form): that is a {@code DataAccessException}.
     */
    private RecordModifiedException conflict(Article article) {
        Article current = current(article.id()).orElse(null);
        if (current != null && Versions.same(current.version(), article.version())) {
            throw Versions.representationMismatch(Article.class, article.id(), article.version(), "article.version");
        }
        return new RecordModifiedException(Article.class, article.id(), article.version(),
                current == null ? null : current.version(), article, current);
    }

    /**
     * The row as it is now, for a conflict: on MariaDB a locking read, which sees the latest committed row
     * even inside a REPEATABLE READ transaction, not the transaction's snapshot; read again
     * without the lock if that fails transiently outside a transaction ({@code Database.conflictRead}).
     */
    private Optional<Article> current(long id) {
        return database.conflictRead("findById of Article[id=" + id + "]", locking -> {
            try (ConnectionLease lease = database.lease();
                PreparedStatement statement = lease.prepare(SELECT_BY_ID,
                    locking ? SELECT_BY_ID_MYSQL + " LOCK IN SHARE MODE" : SELECT_BY_ID_MYSQL)) {
                statement.setLong(1, id);
                try (ResultSet resultSet = statement.executeQuery()) {
                    return resultSet.next() ? Optional.of(read(resultSet, lease.dialect())) : Optional.empty();
                }
            }
        });
    }

    /**
     * The version the row holds now, read on the lease's connection; null when it is gone.
     */
    private static Long storedVersion(ConnectionLease lease, long id) throws SQLException {
        try (PreparedStatement statement = lease.prepare(SELECT_VERSION, SELECT_VERSION_MYSQL)) {
            statement.setLong(1, id);
            try (ResultSet resultSet = statement.executeQuery()) {
                return resultSet.next() ? Columns.getLong(resultSet, 1) : null;
            }
        }
    }

    /**
     * The {@code CREATE TABLE IF NOT EXISTS} statement for {@code article} on {@code dialect}, with the column types of
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
            throw database.failure("createTable of Article", e);
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

    private static Article withVersion(Article article, long version) {
        return new Article(article.id(), article.title(), article.body(), version);
    }

    private static Article read(ResultSet resultSet, Dialect dialect) throws SQLException {
        return new Article(
                resultSet.getLong(1),
                resultSet.getString(2),
                resultSet.getString(3),
                resultSet.getLong(4));
    }

    /**
     * How {@link Batches} reads and binds {@link Article} rows.
     */
    private static final class Rows implements BatchRows<Article> {
        @Override
        public boolean integralKey() {
            return true;
        }

        @Override
        public Class<Article> entityType() {
            return Article.class;
        }

        @Override
        public Object id(Article article) {
            return article.id();
        }

        @Override
        public Object version(Article article) {
            return article.version();
        }

        @Override
        public boolean unsaved(Article article) {
            return article.version() == 0;
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
        public Object bindUpdate(PreparedStatement statement, Dialect dialect, Article article)
                throws SQLException {
            long expectedVersion = article.version();
            long nextVersion = Versions.next(expectedVersion);
            statement.setString(1, article.title());
            statement.setString(2, article.body());
            statement.setLong(3, nextVersion);
            statement.setLong(4, article.id());
            statement.setLong(5, expectedVersion);
            return nextVersion;
        }

        @Override
        public void bindDelete(PreparedStatement statement, Dialect dialect, Article article) throws
                SQLException {
            statement.setLong(1, article.id());
            statement.setLong(2, article.version());
        }

        @Override
        public void bindId(PreparedStatement statement, Dialect dialect, int index, Object id)
                throws SQLException {
            statement.setLong(index, (Long) id);
        }

        @Override
        public void bindVersion(PreparedStatement statement, Dialect dialect, int index,
                Object version) throws SQLException {
            statement.setLong(index, (Long) version);
        }

        @Override
        public Object readId(ResultSet resultSet, Dialect dialect, int index) throws SQLException {
            return Columns.getLong(resultSet, index);
        }

        @Override
        public Object readVersion(ResultSet resultSet, Dialect dialect, int index) throws
                SQLException {
            return Columns.getLong(resultSet, index);
        }

        @Override
        public Article withVersion(Article article, Object version) {
            return ArticleRepository.withVersion(article, (Long) version);
        }
    }
}
