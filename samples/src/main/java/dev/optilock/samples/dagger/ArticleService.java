package dev.optilock.samples.dagger;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import jakarta.inject.Inject;
import java.util.Optional;

/** A small application service over the generated repository, built by Dagger. */
public class ArticleService {
  private final ArticleRepository articles;

  @Inject
  public ArticleService(ArticleRepository articles) {
    this.articles = articles;
  }

  /** Stores a new article, with version 1. */
  public Article publish(long id, String title, String body) {
    return articles.insert(new Article(id, title, body, 0));
  }

  public Optional<Article> find(long id) {
    return articles.findById(id);
  }

  /**
   * Saves a new title on the article as it was read.
   *
   * @throws RecordModifiedException when the article changed since {@code read} was read
   */
  public Article retitle(Article read, String title) {
    return articles.update(read.withTitle(title));
  }
}
