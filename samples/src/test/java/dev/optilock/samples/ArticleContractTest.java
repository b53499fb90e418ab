package dev.optilock.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.optilock.runtime.DataAccessException;
import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.testing.EveryDatabase;
import dev.optilock.samples.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Every member of the repository contract, on a record entity, on every database. */
class ArticleContractTest {

  private static ArticleRepository articles(TestDatabase db) {
    DataSource dataSource = db.fresh("article");
    return new ArticleRepository(dataSource);
  }

  @EveryDatabase
  void insertWritesVersionOneAndReturnsTheStoredEntity(TestDatabase db) {
    ArticleRepository articles = articles(db);
    Article stored = articles.insert(new Article(1, "Hello", "First post", 0));
    assertEquals(new Article(1, "Hello", "First post", 1), stored);
    assertEquals(Optional.of(stored), articles.findById(1));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void insertIgnoresTheVersionPassedIn(TestDatabase db) {
    ArticleRepository articles = articles(db);
    assertEquals(1, articles.insert(new Article(1, "t", "b", 41)).version());
    assertEquals(1, articles.findById(1).orElseThrow().version());
  }

  @EveryDatabase
  void insertOfAnExistingIdIsADataAccessExceptionNotAConflict(TestDatabase db) {
    ArticleRepository articles = articles(db);
    articles.insert(new Article(1, "t", "b", 0));
    DataAccessException e =
        assertThrows(DataAccessException.class, () -> articles.insert(new Article(1, "x", "y", 0)));
    assertTrue(e.getMessage().startsWith("insert of Article[id=1] failed"), e.getMessage());
    assertEquals("t", articles.findById(1).orElseThrow().title());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void findByIdOfAMissingRowIsEmpty(TestDatabase db) {
    assertEquals(Optional.empty(), articles(db).findById(404));
  }

  @EveryDatabase
  void findAllReturnsEveryRowOrderedById(TestDatabase db) {
    ArticleRepository articles = articles(db);
    articles.insert(new Article(3, "c", "", 0));
    articles.insert(new Article(1, "a", "", 0));
    articles.insert(new Article(2, "b", "", 0));
    List<Article> all = articles.findAll();
    assertEquals(List.of(1L, 2L, 3L), all.stream().map(Article::id).toList());
    assertTrue(all.stream().allMatch(a -> a.version() == 1));
  }

  @EveryDatabase
  void updateWritesTheRowAndMovesTheVersionOn(TestDatabase db) {
    ArticleRepository articles = articles(db);
    Article v1 = articles.insert(new Article(1, "Hello", "body", 0));
    Article v2 = articles.update(v1.withTitle("Hi"));
    assertEquals(new Article(1, "Hi", "body", 2), v2);
    Article v3 = articles.update(v2.withTitle("Hey"));
    assertEquals(3, v3.version());
    assertEquals(Optional.of(v3), articles.findById(1));
  }

  @EveryDatabase
  void theLostUpdateIsRefused(TestDatabase db) {
    ArticleRepository articles = articles(db);
    articles.insert(new Article(42, "Original", "body", 0));
    Article alice = articles.findById(42).orElseThrow();
    Article bob = articles.findById(42).orElseThrow();

    Article alicesSaved = articles.update(alice.withTitle("Alice's title"));
    Article bobsEdit = bob.withTitle("Bob's title");
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> articles.update(bobsEdit));

    assertEquals(
        "Article[id=42] was modified concurrently: expected version 1, found 2", e.getMessage());
    assertEquals(Article.class, e.entityType());
    assertEquals(42L, e.id());
    assertEquals(1L, e.expectedVersion());
    assertEquals(Optional.of(2L), e.actualVersion());
    assertSame(bobsEdit, e.target());
    assertEquals(1, e.target(Article.class).version());
    assertEquals(Optional.of(alicesSaved), e.current(Article.class));
    // the row holds the winner's values
    assertEquals(Optional.of(alicesSaved), articles.findById(42));
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void updatingADeletedRowSaysItWasDeleted(TestDatabase db) {
    ArticleRepository articles = articles(db);
    Article stored = articles.insert(new Article(7, "t", "b", 0));
    articles.delete(stored);
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> articles.update(stored.withTitle("x")));
    assertEquals("Article[id=7] was deleted: expected version 1, found no row", e.getMessage());
    assertEquals(Optional.empty(), e.actualVersion());
    assertEquals(Optional.empty(), e.current());
    assertEquals(Optional.empty(), articles.findById(7));
  }

  @EveryDatabase
  void afterAConflictReloadingAndReapplyingSucceeds(TestDatabase db) {
    ArticleRepository articles = articles(db);
    Article stale = articles.insert(new Article(1, "a", "b", 0));
    articles.update(stale.withTitle("theirs"));
    RecordModifiedException e =
        assertThrows(RecordModifiedException.class, () -> articles.update(stale.withTitle("mine")));
    Article fresh = e.current(Article.class).orElseThrow();
    Article saved = articles.update(fresh.withTitle("mine"));
    assertEquals(new Article(1, "mine", "b", 3), saved);
    assertEquals(Optional.of(saved), articles.findById(1));
  }

  @EveryDatabase
  void tryUpdateIsEmptyOnAConflictAndWritesNothing(TestDatabase db) {
    ArticleRepository articles = articles(db);
    Article v1 = articles.insert(new Article(1, "a", "b", 0));
    Optional<Article> v2 = articles.tryUpdate(v1.withTitle("first"));
    assertEquals(Optional.of(new Article(1, "first", "b", 2)), v2);
    assertEquals(Optional.empty(), articles.tryUpdate(v1.withTitle("second")));
    assertEquals(v2, articles.findById(1));
  }

  @EveryDatabase
  void deleteRemovesTheRowOnlyAtTheExpectedVersion(TestDatabase db) {
    ArticleRepository articles = articles(db);
    Article v1 = articles.insert(new Article(1, "a", "b", 0));
    Article v2 = articles.update(v1.withTitle("changed"));

    RecordModifiedException e = assertThrows(RecordModifiedException.class, () -> articles.delete(v1));
    assertEquals(Optional.of(2L), e.actualVersion());
    assertEquals(Optional.of(v2), articles.findById(1));

    articles.delete(v2);
    assertEquals(Optional.empty(), articles.findById(1));
    RecordModifiedException gone = assertThrows(RecordModifiedException.class, () -> articles.delete(v2));
    assertTrue(gone.getMessage().contains("was deleted"), gone.getMessage());
    assertEquals(0, db.activeConnections());
  }

  @EveryDatabase
  void saveInsertsANewEntityAndUpdatesAnExistingOne(TestDatabase db) {
    ArticleRepository articles = articles(db);
    Article inserted = articles.save(new Article(5, "new", "b", 0));
    assertEquals(1, inserted.version());
    Article updated = articles.save(inserted.withTitle("edited"));
    assertEquals(new Article(5, "edited", "b", 2), updated);
    assertThrows(RecordModifiedException.class, () -> articles.save(inserted.withTitle("stale")));
    assertEquals(Optional.of(updated), articles.findById(5));
  }

  @EveryDatabase
  void isChangedComparesTheStoredVersion(TestDatabase db) {
    ArticleRepository articles = articles(db);
    Article v1 = articles.insert(new Article(1, "a", "b", 0));
    assertFalse(articles.isChanged(v1));
    assertFalse(articles.isChanged(v1.withTitle("local edits do not count")));
    Article v2 = articles.update(v1.withTitle("x"));
    assertTrue(articles.isChanged(v1));
    assertFalse(articles.isChanged(v2));
    articles.delete(v2);
    assertTrue(articles.isChanged(v2));
  }

  @EveryDatabase
  void findByIdAndVersionFindsOnlyThatVersion(TestDatabase db) {
    ArticleRepository articles = articles(db);
    Article v1 = articles.insert(new Article(1, "a", "b", 0));
    assertEquals(Optional.of(v1), articles.findByIdAndVersion(1, 1));
    Article v2 = articles.update(v1.withTitle("x"));
    assertEquals(Optional.empty(), articles.findByIdAndVersion(1, 1));
    assertEquals(Optional.of(v2), articles.findByIdAndVersion(1, 2));
    assertEquals(Optional.empty(), articles.findByIdAndVersion(2, 2));
  }

  @EveryDatabase
  void anEntityThatWasNeverSavedCannotBeUpdatedOrDeleted(TestDatabase db) {
    ArticleRepository articles = articles(db);
    articles.insert(new Article(1, "stored", "b", 0));
    IllegalArgumentException update =
        assertThrows(IllegalArgumentException.class, () -> articles.update(new Article(1, "x", "y", 0)));
    assertEquals(
        "Article[id=1] has version 0, which means it was never saved: insert or save it first",
        update.getMessage());
    assertThrows(IllegalArgumentException.class, () -> articles.delete(new Article(1, "x", "y", 0)));
    assertEquals("stored", articles.findById(1).orElseThrow().title());
  }

  @EveryDatabase
  void nullArgumentsAreRefusedByName(TestDatabase db) {
    ArticleRepository articles = articles(db);
    NullPointerException e = assertThrows(NullPointerException.class, () -> articles.update(null));
    assertEquals("article", e.getMessage());
    assertEquals("article", assertThrows(NullPointerException.class, () -> articles.insert(null)).getMessage());
    assertEquals("article", assertThrows(NullPointerException.class, () -> articles.delete(null)).getMessage());
    assertEquals("article", assertThrows(NullPointerException.class, () -> articles.save(null)).getMessage());
    assertEquals("article", assertThrows(NullPointerException.class, () -> articles.tryUpdate(null)).getMessage());
    assertEquals("article", assertThrows(NullPointerException.class, () -> articles.isChanged(null)).getMessage());
    assertEquals(
        "dataSource",
        assertThrows(NullPointerException.class, () -> new ArticleRepository(null)).getMessage());
  }
}
