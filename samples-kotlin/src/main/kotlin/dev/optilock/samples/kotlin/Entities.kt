package dev.optilock.samples.kotlin

import dev.optilock.Id
import dev.optilock.Table
import dev.optilock.VersionField

/**
 * A data class: immutable, read through its getters, built through its constructor; a new version
 * is a new instance (use copy(...) to change it). title is NOT NULL in createTable(), body may hold
 * NULL, as their Kotlin types say.
 */
@Table("shapes_kotlin_note")
data class Note(
    @field:Id val id: Long,
    val title: String,
    val body: String?,
    @field:VersionField val version: Long = 0,
)

/** A class of var properties: updated in place through its setters, as a JavaBean. */
@Table("shapes_kotlin_task")
class Task(
    @Id var id: Long = 0,
    var title: String = "",
    var done: Boolean = false,
    @VersionField var version: Long = 0,
)
