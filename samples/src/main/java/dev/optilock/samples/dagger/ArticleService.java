package dev.optilock.samples.dagger;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.runtime.Transactions;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** A small application service over the generated repository, built by Dagger. */
public class ArticleService {
  private final ArticleRepository articles;
  /** The repository's data source (the same singleton), for {@link Transactions}. */
  private final DataSource dataSource;

  @Inject
  public ArticleService(ArticleRepository articles, DataSource dataSource) {
    this.articles = articles;
    this.dataSource = dataSource;
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

  /**
   * Saves the same new title on several articles as they were read, in one transaction: all of them
   * or none.
   *
   * @throws RecordModifiedException when any of them changed since it was read; none is saved
   */
  public List<Article> retitleAll(List<Article> read, String title) {
    return Transactions.call(dataSource,
        () -> read.stream().map(article -> articles.update(article.withTitle(title))).toList());
  }
}
