package dev.optilock.samples;

import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.SchemaReport;
import dev.optilock.runtime.Versions;
import dev.optilock.runtime.internal.Engine;
import dev.optilock.runtime.internal.Mapping;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;
import javax.sql.DataSource;

/**
 * Compare-and-set JDBC repository for {@link Article}, table {@code article}: updates and deletes only succeed
 * when the row still has the version the entity carries, else throw {@link RecordModifiedException}. Written by optilock.
 */
@Generated("dev.optilock.processor.OptilockProcessor")
public final class ArticleRepository {
    /** The table of {@code article} column by column: the Java type of each column's values, the key and the version. */
    public static final EntitySchema SCHEMA = EntitySchema.of(
            "dev.optilock.samples.Article", "dev.optilock.samples.ArticleRepository", "article",
            "id long KEY",
            "title String",
            "body String",
            "version long VERSION INCREMENT");

    private final Engine<Article> engine;

    /** Creates the repository; the dialect is detected from the first connection. */
    public ArticleRepository(DataSource dataSource) {
        this.engine = new Engine<>(2, dataSource, Article.class, SCHEMA, new Mapper());
    }

    /** Inserts a row with version 1, whatever version {@code article} carries; returns a new instance with that version. */
    public Article insert(Article article) {
        return engine.insert(article);
    }

    /** The row with this id, or empty. */
    public Optional<Article> findById(long id) {
        return engine.findById(id);
    }

    /** Every row, ordered by {@code id}. */
    public List<Article> findAll() {
        return engine.findAll();
    }

    /** Writes {@code article} if its row still has the version it carries ({@code UPDATE ... WHERE id = ? AND version = ?}) and moves the version on; returns a new instance with the new version; throws {@link RecordModifiedException} on a conflict, writing nothing. */
    public Article update(Article article) {
        return engine.update(article);
    }

    /** Like {@link #update}, but a conflict gives an empty result instead of an exception. */
    public Optional<Article> tryUpdate(Article article) {
        return engine.tryUpdate(article);
    }

    /** Deletes the row of {@code article} if it still has the version {@code article} carries; else throws {@link RecordModifiedException}. */
    public void delete(Article article) {
        engine.delete(article);
    }

    /** Inserts {@code article} when its version holds the unsaved default (0), else updates it. */
    public Article save(Article article) {
        return engine.save(article);
    }

    /** Whether the stored row's version differs from the one {@code article} carries, or the row is gone. */
    public boolean isChanged(Article article) {
        return engine.isChanged(article);
    }

    /** The row with this id, only if it still has exactly this version. */
    public Optional<Article> findByIdAndVersion(long id, long version) {
        return engine.findByIdAndVersion(id, version);
    }

    /** Writes {@code article} whatever version its row holds now, and still moves the version on; throws {@link RecordModifiedException} when the row is gone. */
    public Article updateUnchecked(Article article) {
        return engine.updateUnchecked(article);
    }

    /** Writes {@code article} under the compare-and-set check but keeps its version (a "shadow save"). */
    public Article updateWithoutIncrement(Article article) {
        return engine.updateWithoutIncrement(article);
    }

    /** Compare-and-set updates every entity in one transaction; conflicts as {@code policy} says. */
    public BatchResult<Article> updateAll(Collection<Article> articles, ConflictPolicy policy) {
        return engine.updateAll(articles, policy);
    }

    /** Compare-and-set deletes every entity's row in one transaction; conflicts as in {@link #updateAll}. */
    public BatchResult<Article> deleteAll(Collection<Article> articles, ConflictPolicy policy) {
        return engine.deleteAll(articles, policy);
    }

    /** Runs {@code action} in one transaction, only if every selected row still has its entity's version. */
    public <R> R ifUnchanged(Collection<Article> selection, Supplier<R> action) {
        return engine.ifUnchanged(selection, action);
    }

    /** Loads the row, applies {@code change} and updates it, retried on conflicts with {@link RetryPolicy#defaults()}. */
    public Article modify(long id, UnaryOperator<Article> change) {
        return engine.modify(id, change, RetryPolicy.defaults());
    }

    /** Loads the row, applies {@code change} and updates it, retried on conflicts with {@code policy}. */
    public Article modify(long id, UnaryOperator<Article> change, RetryPolicy policy) {
        return engine.modify(id, change, policy);
    }

    /** The {@code CREATE TABLE IF NOT EXISTS} statement for {@code article} on {@code dialect}. */
    public static String createTableSql(Dialect dialect) {
        return Engine.createTableSql(SCHEMA, dialect);
    }

    /** Creates the table (and nothing else) if it is not there yet. */
    public void createTable() {
        engine.createTable(ArticleRepository::createTableSql);
    }

    /** Compares the table with {@link #SCHEMA}; every mismatch with its fix. */
    public SchemaReport verifySchema() {
        return engine.verifySchema();
    }

    private static final class Mapper implements Mapping.LongVersion<Article> {
        public Object id(Article article) {
            return article.id();
        }

        public Object version(Article article) {
            return article.version();
        }

        public int bind(PreparedStatement statement, Dialect dialect, Article article, int index)
                throws SQLException {
            statement.setString(index, article.title());
            statement.setString(index + 1, article.body());
            return index + 2;
        }

        public Article read(ResultSet resultSet, Dialect dialect) throws SQLException {
            return new Article(
                    resultSet.getLong(1),
                    resultSet.getString(2),
                    resultSet.getString(3),
                    resultSet.getLong(4));
        }

        public Article withVersion(Article article, long version) {
            return new Article(article.id(), article.title(), article.body(), version);
        }

        public boolean unsaved(Article article) {
            return article.version() == 0;
        }

        public long bindUpdateLong(PreparedStatement statement, Dialect dialect, Article article)
                throws SQLException {
            long nextVersion = Versions.next(article.version());
            int index = bind(statement, dialect, article, 1);
            statement.setLong(index, nextVersion);
            statement.setLong(index + 1, article.id());
            statement.setLong(index + 2, article.version());
            return nextVersion;
        }
    }
}
