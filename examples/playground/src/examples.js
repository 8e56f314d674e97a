// Ready-made examples for the playground's menu. Each `code` is what the
// editor shows; the tests run every one on D1 and on the in-page SQLite
// executors and compare the answers.
export const EXAMPLES = [
  {
    group: "Lookups",
    title: "Long books with “the” in the title",
    code: `Book.objects.filter({ title__icontains: "the", pages__gte: 250 })`,
  },
  {
    group: "Lookups",
    title: "Published before 1900, oldest first",
    code: `Book.objects
  .filter({ pubDate__year__lt: 1900 })
  .orderBy("pubDate")
  .values("title", "pubDate")`,
  },
  {
    group: "Lookups",
    title: "in, range, isnull",
    code: `Author.objects
  .filter({ born__range: [1800, 1950], publisher__isnull: false })
  .exclude({ name__in: ["Leo Tolstoy", "Toni Morrison"] })
  .valuesList("name", "born")`,
  },
  {
    group: "Joins across __",
    title: "Books from British publishers, with author and publisher",
    code: `Book.objects
  .filter({ author__publisher__country: "GB" })
  .orderBy("author__name", "pubDate")
  .values("title", "author__name", "author__publisher__name")`,
  },
  {
    group: "Joins across __",
    title: "Authors who wrote science fiction (many-to-many, reverse)",
    code: `Author.objects
  .filter({ books__tags__name: "science fiction" })
  .distinct()`,
  },
  {
    group: "Joins across __",
    title: "selectRelated: books with their author and publisher in one query",
    code: `Book.objects
  .selectRelated("author__publisher")
  .filter({ rating__gte: 4.5 })`,
  },
  {
    group: "Q and F",
    title: "Highly rated or short (Q objects)",
    code: `Book.objects
  .filter(Q({ rating__gte: 4.6 }).or(Q({ pages__lt: 200 })))
  .exclude({ inPrint: false })
  .valuesList("title", { flat: true })`,
  },
  {
    group: "Q and F",
    title: "More pages than 100 × rating (F expressions)",
    code: `Book.objects
  .filter({ pages__gt: F("rating").mul(100) })
  .orderBy("-pages")
  .slice(0, 5)
  .values("title", "pages", "rating")`,
  },
  {
    group: "Q and F",
    title: "Not by a Penguin author, and not about war (~Q)",
    code: `Book.objects
  .filter(Q({ author__publisher__name: "Penguin Classics" }).not())
  .exclude({ tags__name: "war" })
  .valuesList("title", "author__name")`,
  },
  {
    group: "Annotate and aggregate",
    title: "Authors by number of books",
    code: `Author.objects
  .annotate({ nBooks: Count("books"), longest: Max("books__pages") })
  .orderBy("-nBooks", "name")
  .values("name", "nBooks", "longest")`,
  },
  {
    group: "Annotate and aggregate",
    title: "Tags and their average rating",
    code: `Tag.objects
  .annotate({ books: Count("books"), avgRating: Avg("books__rating") })
  .filter({ books__gt: 1 })
  .valuesList("name", "books", "avgRating")`,
  },
  {
    group: "Annotate and aggregate",
    title: "Totals over all books (aaggregate)",
    code: `Book.objects.aaggregate({
  books: Count("id"),
  pages: Sum("pages"),
  avgRating: Avg("rating"),
  newest: Max("pubDate"),
})`,
  },
  {
    group: "Annotate and aggregate",
    title: "How many mysteries? (acount)",
    code: `Book.objects.filter({ tags__name: "mystery" }).acount()`,
  },
  {
    group: "Subqueries",
    title: "Authors with a book rated 4.6 or more (Exists, OuterRef)",
    code: `Author.objects.filter(
  Exists(Book.objects.filter({ author: OuterRef("pk"), rating__gte: 4.6 }))
)`,
  },
  {
    group: "Subqueries",
    title: "Each publisher's newest book (Subquery)",
    code: `Publisher.objects.annotate({
  newest: Subquery(
    Book.objects
      .filter({ author__publisher: OuterRef("pk") })
      .orderBy("-pubDate")
      .values("title")
      .slice(0, 1)
  ),
}).values("name", "newest")`,
  },
  {
    group: "Prefetch",
    title: "Authors and their books (prefetchRelated: two queries)",
    code: `Author.objects
  .filter({ born__gte: 1900 })
  .prefetchRelated("books")`,
  },
  {
    group: "Prefetch",
    title: "Books and their tags (prefetchRelated over many-to-many)",
    code: `Book.objects
  .filter({ author__name: "Terry Pratchett" })
  .prefetchRelated("tags")`,
  },
  {
    group: "Single objects",
    title: "One author (aget)",
    code: `Author.objects.aget({ name: "Ursula K. Le Guin" })`,
  },
  {
    group: "Writes (Reset data undoes them)",
    title: "Put every book back in print (aupdate)",
    code: `Book.objects.filter({ inPrint: false }).aupdate({ inPrint: true })`,
  },
  {
    group: "Mistakes",
    title: "A field that does not exist (FieldError)",
    code: `Book.objects.filter({ titel__icontains: "war" })`,
  },
];
