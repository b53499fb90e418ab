package dev.optilock.samples;

import dev.optilock.runtime.BatchResult;
import dev.optilock.runtime.ConflictPolicy;
import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.RetryPolicy;
import dev.optilock.runtime.SchemaReport;
import dev.optilock.runtime.Versions;
import dev.optilock.runtime.internal.Columns;
import dev.optilock.runtime.internal.Engine;
import dev.optilock.runtime.internal.Mapping;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Generated;
import javax.sql.DataSource;

/**
 * Compare-and-set JDBC repository for {@link Document}, table {@code document}: updates and deletes only succeed
 * when the row still has the version the entity carries, else throw {@link RecordModifiedException}. Written by optilock.
 */
@Generated("dev.optilock.processor.OptilockProcessor")
public final class DocumentRepository {
    /** The table of {@code document} column by column: the Java type of each column's values, the key and the version. */
    public static final EntitySchema SCHEMA = EntitySchema.of(
            "dev.optilock.samples.Document", "dev.optilock.samples.DocumentRepository", "document",
            "id UUID KEY",
            "title String",
            "created_at Instant",
            "version Long VERSION INCREMENT");

    private final Engine<Document> engine;

    /** Creates the repository; the dialect is detected from the first connection. */
    public DocumentRepository(DataSource dataSource) {
        this.engine = new Engine<>(2, dataSource, Document.class, SCHEMA, new Mapper());
    }

    /** Inserts a row with version 1, whatever version {@code document} carries; returns {@code document} itself, its version set to that version. */
    public Document insert(Document document) {
        return engine.insert(document);
    }

    /** The row with this id, or empty. */
    public Optional<Document> findById(UUID id) {
        return engine.findById(id);
    }

    /** Every row, ordered by {@code id}. */
    public List<Document> findAll() {
        return engine.findAll();
    }

    /** Writes {@code document} if its row still has the version it carries ({@code UPDATE ... WHERE id = ? AND version = ?}) and moves the version on; returns {@code document} itself, its version set to the new version; throws {@link RecordModifiedException} on a conflict, writing nothing. */
    public Document update(Document document) {
        return engine.update(document);
    }

    /** Like {@link #update}, but a conflict gives an empty result instead of an exception. */
    public Optional<Document> tryUpdate(Document document) {
        return engine.tryUpdate(document);
    }

    /** Deletes the row of {@code document} if it still has the version {@code document} carries; else throws {@link RecordModifiedException}. */
    public void delete(Document document) {
        engine.delete(document);
    }

    /** Inserts {@code document} when its version holds the unsaved default (null or 0), else updates it. */
    public Document save(Document document) {
        return engine.save(document);
    }

    /** Whether the stored row's version differs from the one {@code document} carries, or the row is gone. */
    public boolean isChanged(Document document) {
        return engine.isChanged(document);
    }

    /** The row with this id, only if it still has exactly this version. */
    public Optional<Document> findByIdAndVersion(UUID id, Long version) {
        return engine.findByIdAndVersion(id, version);
    }

    /** Writes {@code document} whatever version its row holds now, and still moves the version on; throws {@link RecordModifiedException} when the row is gone. */
    public Document updateUnchecked(Document document) {
        return engine.updateUnchecked(document);
    }

    /** Writes {@code document} under the compare-and-set check but keeps its version (a "shadow save"). */
    public Document updateWithoutIncrement(Document document) {
        return engine.updateWithoutIncrement(document);
    }

    /** Compare-and-set updates every entity in one transaction; conflicts as {@code policy} says. */
    public BatchResult<Document> updateAll(Collection<Document> documents, ConflictPolicy policy) {
        return engine.updateAll(documents, policy);
    }

    /** Compare-and-set deletes every entity's row in one transaction; conflicts as in {@link #updateAll}. */
    public BatchResult<Document> deleteAll(Collection<Document> documents, ConflictPolicy policy) {
        return engine.deleteAll(documents, policy);
    }

    /** Runs {@code action} in one transaction, only if every selected row still has its entity's version. */
    public <R> R ifUnchanged(Collection<Document> selection, Supplier<R> action) {
        return engine.ifUnchanged(selection, action);
    }

    /** Loads the row, applies {@code change} and updates it, retried on conflicts with {@link RetryPolicy#defaults()}. */
    public Document modify(UUID id, UnaryOperator<Document> change) {
        return engine.modify(id, change, RetryPolicy.defaults());
    }

    /** Loads the row, applies {@code change} and updates it, retried on conflicts with {@code policy}. */
    public Document modify(UUID id, UnaryOperator<Document> change, RetryPolicy policy) {
        return engine.modify(id, change, policy);
    }

    /** The {@code CREATE TABLE IF NOT EXISTS} statement for {@code document} on {@code dialect}. */
    public static String createTableSql(Dialect dialect) {
        return Engine.createTableSql(SCHEMA, dialect);
    }

    /** Creates the table (and nothing else) if it is not there yet. */
    public void createTable() {
        engine.createTable(DocumentRepository::createTableSql);
    }

    /** Compares the table with {@link #SCHEMA}; every mismatch with its fix. */
    public SchemaReport verifySchema() {
        return engine.verifySchema();
    }

    private static final class Mapper implements Mapping<Document> {
        public Object id(Document document) {
            return document.getId();
        }

        public Object version(Document document) {
            return document.getVersion();
        }

        public int bind(PreparedStatement statement, Dialect dialect, Document document, int index)
                throws SQLException {
            statement.setString(index, document.getTitle());
            dialect.setInstant(statement, index + 1, document.getCreatedAt());
            return index + 2;
        }

        public Document read(ResultSet resultSet, Dialect dialect) throws SQLException {
            Document entity = new Document();
            entity.setId(dialect.getUuid(resultSet, 1));
            entity.setTitle(resultSet.getString(2));
            entity.setCreatedAt(dialect.getInstant(resultSet, 3));
            entity.setVersion(Columns.getLong(resultSet, 4));
            return entity;
        }

        public Document withVersion(Document document, Object version) {
            document.setVersion((Long) version);
            return document;
        }

        public Object bindUpdate(PreparedStatement statement, Dialect dialect, Document document)
                throws SQLException {
            long nextVersion = Versions.next(document.getVersion());
            int index = bind(statement, dialect, document, 1);
            Columns.setLong(statement, index, nextVersion);
            dialect.setUuid(statement, index + 1, document.getId());
            Columns.setLong(statement, index + 2, document.getVersion());
            return nextVersion;
        }
    }
}
