package dev.optilock.samples;

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
        try (ConnectionLease lease = database.lease();
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
        try (ConnectionLease lease = database.lease();
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
        try (ConnectionLease lease = database.lease();
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
     * The failure path's one extra query: what the row holds now.
     */
    private RecordModifiedException conflict(Article article) {
        Article current = findById(article.id()).orElse(null);
        return new RecordModifiedException(Article.class, article.id(), article.version(),
                current == null ? null : current.version(), article, current);
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
}
