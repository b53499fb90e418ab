package dev.optilock.samples;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.VersionedRepository;
import dev.optilock.runtime.internal.Engine;
import dev.optilock.runtime.internal.EngineRepository;
import dev.optilock.runtime.internal.Versions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;
import javax.sql.DataSource;

/**
 * Compare-and-set JDBC repository for {@link Article}, table {@code article}: updates and deletes only succeed
 * when the row still has the version the entity carries, else throw {@link RecordModifiedException}. The methods
 * all repositories share are described in {@link VersionedRepository}. Written by optilock.
 */
@Generated("dev.optilock.processor.OptilockProcessor")
public final class ArticleRepository extends EngineRepository<Article, Long, Long> {
    /** The table of {@code article} column by column: the Java type of each column's values, the key and the version. */
    public static final EntitySchema SCHEMA = EntitySchema.of(
            "dev.optilock.samples.Article", "dev.optilock.samples.ArticleRepository", "article",
            "id long KEY",
            "title String",
            "body String",
            "version long VERSION INCREMENT");

    /** Creates the repository; the dialect is detected from the first connection. */
    public ArticleRepository(DataSource dataSource) {
        super(3, dataSource, Article.class, SCHEMA, LONG_VERSION, ArticleRepository::createTableSql);
    }

    /** The row with this key, or empty. */
    public Optional<Article> findById(long id) {
        return engine.findById(id);
    }

    /** The row with this key, only if it still has exactly this version. */
    public Optional<Article> findByIdAndVersion(long id, long version) {
        return engine.findByIdAndVersion(id, version);
    }

    /** Loads the row, applies {@code change} and updates it, retried on conflicts with {@link RetryPolicy#defaults()}. */
    public Article modify(long id, UnaryOperator<Article> change) {
        return engine.modify(id, change, RetryPolicy.defaults());
    }

    /** Loads the row, applies {@code change} and updates it, retried on conflicts with {@code policy}. */
    public Article modify(long id, UnaryOperator<Article> change, RetryPolicy policy) {
        return engine.modify(id, change, policy);
    }

    /** Writes {@code article} under the compare-and-set check but keeps its version (a "shadow save"). */
    public Article updateWithoutIncrement(Article article) {
        return engine.updateWithoutIncrement(article);
    }

    /** The {@code CREATE TABLE IF NOT EXISTS} statement for {@code article} on {@code dialect}. */
    public static String createTableSql(Dialect dialect) {
        return Engine.createTableSql(SCHEMA, dialect);
    }

    protected Object id(Article article) {
        return article.id();
    }

    protected Object version(Article article) {
        return article.version();
    }

    protected int bind(PreparedStatement statement, Dialect dialect, Article article, int index)
            throws SQLException {
        statement.setString(index, article.title());
        statement.setString(index + 1, article.body());
        return index + 2;
    }

    protected Article read(ResultSet resultSet, Dialect dialect, int[] columns) throws
            SQLException {
        return new Article(
                resultSet.getLong(columns[0]),
                resultSet.getString(columns[1]),
                resultSet.getString(columns[2]),
                resultSet.getLong(columns[3]));
    }

    protected Article withVersion(Article article, long version) {
        return new Article(article.id(), article.title(), article.body(), version);
    }

    protected boolean unsaved(Article article) {
        return article.version() == 0;
    }

    protected long bindUpdateLong(PreparedStatement statement, Dialect dialect, Article article)
            throws SQLException {
        long nextVersion = Versions.next(article.version());
        int index = bind(statement, dialect, article, 1);
        statement.setLong(index, nextVersion);
        statement.setLong(index + 1, article.id());
        statement.setLong(index + 2, article.version());
        return nextVersion;
    }
}
