package dev.optilock.samples.kotlin

import dev.optilock.runtime.ConflictPolicy
import dev.optilock.runtime.RecordModifiedException
import java.nio.file.Files
import java.nio.file.Path
import java.sql.SQLException
import javax.sql.DataSource
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotSame
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.EnumSource
import org.mariadb.jdbc.MariaDbDataSource
import org.postgresql.ds.PGSimpleDataSource
import org.sqlite.SQLiteDataSource

/** The three databases, reached as the samples' tests reach them (same environment variables). */
enum class Db {
    SQLITE {
        override fun dataSource(): DataSource {
            Files.createDirectories(Path.of("target"))
            return SQLiteDataSource().apply { url = "jdbc:sqlite:target/shapes-kotlin.db" }
        }
    },
    POSTGRESQL {
        override fun dataSource(): DataSource = PGSimpleDataSource().apply {
            setURL(env("OPTILOCK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test"))
            user = env("OPTILOCK_PG_USER", "postgres")
            password = env("OPTILOCK_PG_PASSWORD", "")
        }
    },
    MARIADB {
        override fun dataSource(): DataSource = MariaDbDataSource(
            env("OPTILOCK_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/") + "test?user=" +
                env("OPTILOCK_MARIADB_USER", "root") + "&password=" + env("OPTILOCK_MARIADB_PASSWORD", ""),
        )
    };

    abstract fun dataSource(): DataSource

    companion object {
        fun env(name: String, fallback: String): String =
            System.getenv(name)?.takeIf { it.isNotBlank() } ?: fallback
    }
}

/**
 * Kotlin entities whose repositories optilock wrote through kapt, on every database: the data class
 * [Note] (immutable: every new version a new instance, changed with copy) and the class of var
 * properties [Task] (updated in place). The conflict path and modify are run from Kotlin; what is
 * stored is read back with plain JDBC.
 */
class KotlinEntitiesTest {

    private fun fresh(dataSource: DataSource, table: String) {
        dataSource.connection.use { c -> c.createStatement().use { it.execute("DROP TABLE IF EXISTS $table") } }
    }

    /** The row as stored, `title@version`, or `gone`. */
    private fun row(dataSource: DataSource, table: String, id: Long): String =
        dataSource.connection.use { c ->
            c.prepareStatement("SELECT title, version FROM $table WHERE id = ?").use { select ->
                select.setLong(1, id)
                select.executeQuery().use { if (it.next()) "${it.getString(1)}@${it.getLong(2)}" else "gone" }
            }
        }

    @ParameterizedTest
    @EnumSource(Db::class)
    fun dataClass(db: Db) {
        val dataSource = db.dataSource()
        fresh(dataSource, "shapes_kotlin_note")
        val notes = NoteRepository(dataSource)
        notes.createTable()

        val draft = Note(1, "first", null)
        val stored = notes.insert(draft)
        assertEquals(1, stored.version)
        assertEquals(0, draft.version, "a data class is left as it was")
        assertNotSame(draft, stored)
        assertEquals(stored, notes.findById(1).orElseThrow())
        assertNull(notes.findById(1).orElseThrow().body)

        val updated = notes.update(stored.copy(title = "second", body = "text"))
        assertEquals(2, updated.version)
        assertEquals("second@2", row(dataSource, "shapes_kotlin_note", 1))

        // the conflict path: a stale copy is refused, writes nothing and stays as it was
        val stale = stored.copy(title = "lost")
        val conflict = assertThrows(RecordModifiedException::class.java) { notes.update(stale) }
        assertEquals(1L, conflict.expectedVersion())
        assertEquals(2L, conflict.actualVersion().orElseThrow())
        assertEquals(1, stale.version)
        assertEquals("second@2", row(dataSource, "shapes_kotlin_note", 1))
        assertTrue(notes.tryUpdate(stale).isEmpty)

        // batch: one current, one stale (note 2 changed behind its back)
        val other = notes.insert(Note(2, "other", null))
        notes.update(other.copy(title = "other by someone"))
        val result = notes.updateAll(
            listOf(updated.copy(title = "third"), other.copy(title = "lost too")),
            ConflictPolicy.SKIP_CONFLICTS,
        )
        assertEquals(listOf(3L), result.updated().map { it.version })
        assertEquals(listOf(2L), result.conflicts().map { it.target().id })
        assertEquals("third@3", row(dataSource, "shapes_kotlin_note", 1))
        assertEquals("other by someone@2", row(dataSource, "shapes_kotlin_note", 2))

        // modify: load, change with copy, update, retried on conflicts
        val modified = notes.modify(2) { it.copy(title = it.title + "!") }
        assertEquals("other by someone!@3", row(dataSource, "shapes_kotlin_note", 2))
        assertEquals(3, modified.version)

        assertThrows(RecordModifiedException::class.java) { notes.delete(stale) }
        notes.delete(modified)
        assertEquals("gone", row(dataSource, "shapes_kotlin_note", 2))
    }

    @ParameterizedTest
    @EnumSource(Db::class)
    fun nonNullPropertiesAreNotNullColumns(db: Db) {
        val dataSource = db.dataSource()
        fresh(dataSource, "shapes_kotlin_note")
        NoteRepository(dataSource).createTable()
        // title: String is NOT NULL; body: String? takes NULL
        dataSource.connection.use { c ->
            c.createStatement().use {
                it.executeUpdate("INSERT INTO shapes_kotlin_note (id, title, body, version) VALUES (1, 'ok', NULL, 1)")
                assertThrows(SQLException::class.java) {
                    it.executeUpdate("INSERT INTO shapes_kotlin_note (id, title, body, version) VALUES (2, NULL, 'b', 1)")
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Db::class)
    fun classOfVarProperties(db: Db) {
        val dataSource = db.dataSource()
        fresh(dataSource, "shapes_kotlin_task")
        val tasks = TaskRepository(dataSource)
        tasks.createTable()

        val task = Task(7, "write docs")
        assertSame(task, tasks.insert(task))
        assertEquals(1, task.version)

        val stale = tasks.findById(7).orElseThrow()
        task.done = true
        task.title = "docs written"
        assertSame(task, tasks.update(task))
        assertEquals(2, task.version)

        stale.title = "lost"
        assertThrows(RecordModifiedException::class.java) { tasks.update(stale) }
        assertEquals(1, stale.version, "a failed update leaves the instance as it was")
        assertEquals("docs written@2", row(dataSource, "shapes_kotlin_task", 7))

        val modified = tasks.modify(7) { it.apply { title = "$title, reviewed" } }
        assertEquals(3, modified.version)
        assertEquals("docs written, reviewed@3", row(dataSource, "shapes_kotlin_task", 7))
        assertTrue(tasks.findById(7).orElseThrow().done)

        val result = tasks.updateAll(listOf(stale), ConflictPolicy.SKIP_CONFLICTS)
        assertEquals(1, result.conflicts().size)
        tasks.delete(modified)
        assertEquals("gone", row(dataSource, "shapes_kotlin_task", 7))
    }
}
