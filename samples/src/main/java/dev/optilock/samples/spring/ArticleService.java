package dev.optilock.samples.spring;

import dev.optilock.runtime.RecordModifiedException;
import dev.optilock.samples.Article;
import dev.optilock.samples.ArticleRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Application service whose methods are Spring transactions: the repository calls inside one commit
 * together or not at all.
 */
@Service
public class ArticleService {
  private final ArticleRepository articles;

  public ArticleService(ArticleRepository articles) {
    this.articles = articles;
  }

  /**
   * Gives every listed article the same title, in one transaction.
   *
   * @throws NoSuchElementException when an id has no row; the articles retitled before it are
   *     rolled back
   */
  @Transactional
  public List<Article> retitleAll(List<Long> ids, String title) {
    List<Article> saved = new ArrayList<>();
    for (long id : ids) {
      Article current =
          articles.findById(id).orElseThrow(() -> new NoSuchElementException("no article " + id));
      saved.add(articles.update(current.withTitle(title)));
    }
    return saved;
  }

  /**
   * Saves edits made on copies read earlier, in one transaction.
   *
   * @throws RecordModifiedException when any of them is stale; none of them is saved
   */
  @Transactional
  public List<Article> saveAll(List<Article> edited) {
    List<Article> saved = new ArrayList<>();
    for (Article article : edited) {
      saved.add(articles.update(article));
    }
    return saved;
  }
}
