package dev.optilock.samples;

import dev.optilock.runtime.Dialect;
import dev.optilock.runtime.EntitySchema;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.VersionedRepository;
import dev.optilock.runtime.internal.Columns;
import dev.optilock.runtime.internal.Engine;
import dev.optilock.runtime.internal.EngineRepository;
import dev.optilock.runtime.internal.Versions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.annotation.processing.Generated;
import javax.sql.DataSource;

/**
 * Compare-and-set JDBC repository for {@link Document}, table {@code document}: updates and deletes only succeed
 * when the row still has the version the entity carries, else throw {@link RecordModifiedException}. The methods
 * all repositories share are described in {@link VersionedRepository}. Written by optilock.
 */
@Generated("dev.optilock.processor.OptilockProcessor")
public final class DocumentRepository extends EngineRepository<Document, UUID, Long> {
    /** The table of {@code document} column by column: the Java type of each column's values, the key and the version. */
    public static final EntitySchema SCHEMA = EntitySchema.of(
            "dev.optilock.samples.Document", "dev.optilock.samples.DocumentRepository", "document",
            "id UUID KEY",
            "title String",
            "created_at Instant",
            "version Long VERSION INCREMENT");

    /** Creates the repository; the dialect is detected from the first connection. */
    public DocumentRepository(DataSource dataSource) {
        super(3, dataSource, Document.class, SCHEMA, BOXED_VERSION, DocumentRepository::createTableSql);
    }

    /** Writes {@code document} under the compare-and-set check but keeps its version (a "shadow save"). */
    public Document updateWithoutIncrement(Document document) {
        return engine.updateWithoutIncrement(document);
    }

    /** The {@code CREATE TABLE IF NOT EXISTS} statement for {@code document} on {@code dialect}. */
    public static String createTableSql(Dialect dialect) {
        return Engine.createTableSql(SCHEMA, dialect);
    }

    protected Object id(Document document) {
        return document.getId();
    }

    protected Object version(Document document) {
        return document.getVersion();
    }

    protected int bind(PreparedStatement statement, Dialect dialect, Document document, int index)
            throws SQLException {
        statement.setString(index, document.getTitle());
        dialect.setInstant(statement, index + 1, document.getCreatedAt());
        return index + 2;
    }

    protected Document read(ResultSet resultSet, Dialect dialect, int[] columns) throws
            SQLException {
        Document entity = new Document();
        entity.setId(dialect.getUuid(resultSet, columns[0]));
        entity.setTitle(resultSet.getString(columns[1]));
        entity.setCreatedAt(dialect.getInstant(resultSet, columns[2]));
        entity.setVersion(Columns.getLong(resultSet, columns[3]));
        return entity;
    }

    protected Document withVersion(Document document, Object version) {
        document.setVersion((Long) version);
        return document;
    }

    protected Object bindUpdate(PreparedStatement statement, Dialect dialect, Document document)
            throws SQLException {
        long nextVersion = Versions.next(document.getVersion());
        int index = bind(statement, dialect, document, 1);
        Columns.setLong(statement, index, nextVersion);
        dialect.setUuid(statement, index + 1, document.getId());
        Columns.setLong(statement, index + 2, document.getVersion());
        return nextVersion;
    }
}
