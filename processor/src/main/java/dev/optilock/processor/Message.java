package dev.optilock.processor;

import java.util.Locale;

/**
 * The catalog of everything the processor reports. Each entry is a rule and a fix, under a stable
 * code that tests assert on and that users can search for in {@code docs/errors.md}.
 */
enum Message {
  OL001_DUPLICATE_VERSION(
      "%s has more than one @VersionField (%s and %s); an entity has exactly one version",
      "keep @VersionField on one field and remove it from the others"),
  OL002_VERSION_TYPE(
      "@VersionField %s has type %s, which cannot be a version",
      "declare the version as int, long, Integer or Long (a counter), Instant, LocalDateTime or"
          + " OffsetDateTime (a timestamp) or UUID (a random token)"),
  OL003_NO_ID(
      "%s has no @Id field; the repository needs the key to find and compare-and-set a row",
      "annotate the primary-key field with @dev.optilock.Id"),
  OL004_GENERATED_COMPOSITE_KEY(
      "%s has a composite key (%s) and %s is @Id(generated = true); the database generates only"
          + " single-column keys",
      "remove generated = true and assign every part of the key yourself, or give the table a"
          + " single-column generated key"),
  OL005_NOT_READABLE(
      "the generated repository cannot read %s: the field is %s and there is no getter %s() it can"
          + " call",
      "add a getter %s() that is public (or package-private in the entity's package), or make the"
          + " field package-private in the entity's package"),
  OL006_NOT_WRITABLE(
      "the generated repository cannot set %s: there is no setter %s(%s) it can call, the field is"
          + " %s%s",
      "add a setter %s(%s) that is public (or package-private in the entity's package), or make the"
          + " field package-private in the entity's package and not final%s"),
  OL007_STATIC_FIELD(
      "@%s is on the static field %s; a %s belongs to each row",
      "remove the static modifier"),
  OL008_ABSTRACT_ENTITY(
      "%s is abstract but has @Table; the repository has to create instances of it when it reads"
          + " rows",
      "make the entity a concrete class or a record, or remove @Table to keep it as a superclass"
          + " whose columns concrete @Table subclasses inherit"),
  OL009_NOT_A_CLASS(
      "%s is %s; an entity must be a class or a record",
      "move the mapping onto a class or a record"),
  OL010_GENERIC_ENTITY(
      "%s declares type parameters %s; a repository needs one concrete entity type",
      "remove the type parameters from the entity"),
  OL011_INNER_CLASS(
      "%s is an inner class; the repository cannot create it without an enclosing instance",
      "declare it static, or move it to its own file"),
  OL012_PRIVATE_ENTITY(
      "%s is private; the repository generated in package %s cannot use it",
      "make it package-private or public"),
  OL013_UNSUPPORTED_TYPE(
      "%s has type %s, which optilock cannot map to a column",
      "use String, a primitive or its box, BigDecimal, byte[], UUID, an enum, LocalDate,"
          + " LocalDateTime, Instant or OffsetDateTime%s"),
  OL014_DUPLICATE_COLUMN(
      "%s and %s both map to the column \"%s\"",
      "give one of them another name with @Column(\"...\")"),
  OL015_INVALID_TABLE_NAME(
      "%s is not a valid %s name: %s",
      "use a letter or underscore followed by letters, digits or underscores, at most 63"
          + " characters, for example %s"),
  OL016_INVALID_COLUMN_NAME(
      "%s is not a valid column name: %s",
      "use a letter or underscore followed by letters, digits or underscores, at most 63"
          + " characters, for example %s"),
  OL017_NO_CONSTRUCTOR(
      "%s has no constructor the repository can call: neither a non-private no-arg constructor"
          + " nor a non-private one taking all %d columns (%s) in declaration order",
      "add one of the two constructors"),
  OL018_ID_IS_VERSION(
      "%s carries both @Id and @VersionField; the key and the version must be different columns",
      "add a separate version field, for example @VersionField long version"),
  OL019_TRANSIENT_KEY(
      "%s is %s but also the %s; the key and the version are always columns",
      "remove %s"),
  OL020_TRANSIENT_IN_RECORD(
      "@Transient is on the record component %s; every record component is a column",
      "remove @Transient, or move the value out of the record"),
  OL021_ID_TYPE(
      "@Id %s has type %s, which cannot be a key",
      "use a String, an integer type, a UUID or another type with value equality"),
  OL022_NO_VERSION(
      "%s has @Table but no @VersionField; optilock only writes repositories for versioned"
          + " entities",
      "add a version field, for example @VersionField long version"),
  OL023_UNRESOLVED_TYPE(
      "the type of %s could not be resolved (%s)",
      "check the import, or the processor that should generate this type"),
  OL025_STRATEGY_TYPE(
      "@VersionField(strategy = %s) cannot be used on %s of type %s",
      "%s; or remove strategy to use the default for the type"),
  OL026_BOTH_CONDITIONS(
      "@VersionField on %s names both checkFields and ignoreFields",
      "keep one of them: checkFields lists what moves the version, ignoreFields what does not"),
  OL027_UNKNOWN_FIELD(
      "@VersionField(%s) names \"%s\", which is not a column field of %s",
      "use the Java name of one of its fields: %s"),
  OL028_CONDITIONAL_TRIGGER(
      "@VersionField on %s combines strategy = TRIGGER with %s; the trigger moves the version on"
          + " every update",
      "remove %s, or use strategy = INCREMENT"),
  OL029_INVALID_TRIGGER_NAME(
      "@VersionField(triggerName = \"%s\") is not a valid trigger name: %s",
      "use a letter or underscore followed by letters, digits or underscores, at most 63"
          + " characters, for example \"%s\""),
  OL030_CONDITION_ON_KEY(
      "@VersionField(%s) names %s, the %s; it never changes through an update",
      "remove \"%s\" from %s"),
  OL031_NOTHING_CHECKED(
      "@VersionField(ignoreFields) on %s ignores every column, so the version would never move",
      "leave at least one column out of ignoreFields"),
  OL032_TRIGGER_NAME_WITHOUT_TRIGGER(
      "@VersionField(triggerName = \"%s\") on %s, whose strategy is %s, not TRIGGER",
      "add strategy = VersionStrategy.TRIGGER, or remove triggerName"),
  OL024_BAD_INJECT_OPTION(
      "-Aoptilock.inject=%s is not a valid value",
      "use none, jakarta or javax, or leave the option out to follow the class path"),
  OL098_CANNOT_WRITE(
      "could not write %s: %s",
      "if another class already has that name (a nested entity Outer.Inner and a class"
          + " Outer_Inner), rename one of them; otherwise check that the output directory is"
          + " writable"),
  OL033_GENERATED_ID_TYPE(
      "@Id(generated = true) is on %s of type %s; the database generates only integer keys",
      "declare the key as int, long, Integer or Long, or remove generated = true and assign the"
          + " key yourself"),
  OL034_TRIGGER_IN_SCHEMA(
      "%s combines @Table(schema = ...) with strategy = TRIGGER, which optilock cannot install in"
          + " another schema yet",
      "keep the table in the connection's current schema, or use strategy = INCREMENT"),
  OL035_NOT_A_CONVERTER(
      "@Convert on %s names %s, which does not implement dev.optilock.runtime.Converter",
      "make %s implement Converter<%s, C>, where C is a column type optilock maps (String, Long,"
          + " BigDecimal, ...)"),
  OL036_CONVERTER_TYPE(
      "@Convert on %s names %s, which converts %s, but the field's type is %s",
      "name a converter of %s, or change the field's type to %s"),
  OL037_CONVERTER_COLUMN_TYPE(
      "%s stores %s as %s, which optilock cannot map to a column",
      "let the converter produce String, a primitive's box, BigDecimal, byte[], UUID, an enum,"
          + " LocalDate, LocalDateTime, Instant or OffsetDateTime"),
  OL038_CONVERTER_NOT_INSTANTIABLE(
      "the generated repository cannot create the converter %s of %s: %s",
      "make %s a concrete top-level (or static nested) class with a no-arg constructor the"
          + " entity's package can call"),
  OL039_CONVERTED_KEY(
      "@Convert is on %s, the %s; the key and the version are stored as they are",
      "remove @Convert from %s, and declare it with a type optilock maps"),
  OL040_UNKNOWN_KEY_PROPERTY(
      "@VersionedType names %s as a key property of %s, which has no such property; its"
          + " properties are %s",
      "name the property that holds %s's primary key in id = {...}"),
  OL041_VERSION_COLUMN_TAKEN(
      "@VersionedType gives %s the version column \"%s\", but its property %s already maps to"
          + " that column",
      "choose a versionColumn the class does not use"),
  OL042_INVALID_REPOSITORY_NAME(
      "@VersionedType(repository = \"%s\") is not a valid Java class name",
      "use a simple class name such as %s"),
  OL043_KEY_PROPERTY_LIST(
      "@VersionedType for %s must name each key property once in id, but it %s",
      "list the properties that form %s's primary key, each once, for example id = \"id\""),
  OL044_NOT_REWRITTEN_YET(
      "%s carries %s, but Lombok had not applied it when annotation processing ended: the"
          + " accessors, constructors and field modifiers it adds are not there, and a repository"
          + " written from what is there would not compile",
      "put Lombok on the processor path next to optilock (Maven: an annotationProcessorPaths entry"
          + " for org.projectlombok:lombok; Gradle: annotationProcessor 'org.projectlombok:lombok'),"
          + " see docs/entities.md#lombok"),
  OL045_ANNOTATION_ON_PARAMETER(
      "@%s is on the constructor parameter %s of %s, not on its field; optilock reads fields, so"
          + " the parameter's annotation is lost (Kotlin puts it there for @param:%s)",
      "put it on the field: in Kotlin, write @field:%s (or no use-site target) on the property;"
          + " see docs/entities.md#kotlin"),
  OL050_QUERIES_NOT_INTERFACE(
      "@Queries is on %s, which is %s; queries are declared as methods of an interface",
      "move @Queries(%s.class) onto an interface"),
  OL051_QUERIES_NOT_ENTITY(
      "@Queries on %s names %s, which is not a versioned entity compiled together with it",
      "name a class or record with a @VersionField (or a class made versioned by @VersionedType)"
          + " from the same compilation"),
  OL052_QUERIES_INTERFACE_SHAPE(
      "%s %s, so the generated %s cannot implement it",
      "%s"),
  OL053_NOT_A_QUERY(
      "%s is neither a derived query nor annotated with @Sql",
      "name it find…By, count…By or exists…By followed by properties of %s (for example"
          + " findBy%s), annotate it with @Sql(\"SELECT ...\"), or make it a default method"),
  OL054_UNKNOWN_PROPERTY(
      "%s names \"%s\", which is not a property of %s; its properties are %s",
      "use the Java name of a field or record component, capitalized%s"),
  OL055_OPERATOR_TYPE(
      "%s applies %s to %s, of type %s, %s",
      "%s"),
  OL056_QUERY_PARAMETERS(
      "%s %s",
      "%s"),
  OL057_QUERY_RETURN_TYPE(
      "%s returns %s, which a %s query cannot return",
      "declare it to return %s"),
  OL058_SQL_PLACEHOLDER(
      "the @Sql of %s uses :%s, but %s has no parameter named %s",
      "add a parameter %s, or correct the placeholder to one of the parameters (%s)"),
  OL059_SQL_UNUSED_PARAMETER(
      "%s has the parameter %s, which its @Sql does not use",
      "use it in the SQL as :%s, or remove the parameter"),
  OL060_SQL_PARAMETER_TYPE(
      "parameter %s of %s has type %s, which optilock cannot bind in @Sql",
      "use String, a primitive or its box, BigDecimal, byte[], UUID, an enum, LocalDate,"
          + " LocalDateTime, Instant or OffsetDateTime, or the type of the property of the same"
          + " name"),
  OL061_QUERY_NAME_TAKEN(
      "%s has the name of a method every repository has",
      "rename the query (for example %s), or call the repository's own %s"),
  OL062_SQL_NOT_A_READ(
      "the @Sql of %s %s, but a query only reads: a write there would skip the version check",
      "write changes with the repository's update, updateAll, delete or deleteAll, which compare"
          + " the version; @Sql takes one SELECT, or WITH ... SELECT (FOR UPDATE and FOR SHARE"
          + " included)"),
  /**
   * The processor itself failed. What went wrong and the fix come from {@link ProcessorFailure}: a
   * bug in optilock (with the stack trace), or a processor path that lacks a class or mixes
   * versions.
   */
  OL099_INTERNAL("optilock failed while processing %s: %s", "%s");

  private final String rule;
  private final String fix;

  Message(String rule, String fix) {
    this.rule = rule;
    this.fix = fix;
  }

  /** The code users and tests see, for example {@code OL003}. */
  String code() {
    return name().substring(0, 5);
  }

  /**
   * The text of a diagnostic: {@code [OL003] <rule>. Fix: <fix>.} The arguments fill the rule's
   * placeholders first and the fix's after them.
   */
  String format(Object... args) {
    int ruleArgs = countPlaceholders(rule);
    Object[] forRule = new Object[Math.min(ruleArgs, args.length)];
    System.arraycopy(args, 0, forRule, 0, forRule.length);
    Object[] forFix = new Object[Math.max(0, args.length - ruleArgs)];
    System.arraycopy(args, forRule.length, forFix, 0, forFix.length);
    return "["
        + code()
        + "] "
        + String.format(Locale.ROOT, rule, forRule)
        + ". Fix: "
        + String.format(Locale.ROOT, fix, forFix)
        + ".";
  }

  private static int countPlaceholders(String template) {
    int count = 0;
    for (int i = 0; i < template.length() - 1; i++) {
      if (template.charAt(i) == '%') {
        char next = template.charAt(i + 1);
        if (next == 's' || next == 'd') {
          count++;
        }
        i++;
      }
    }
    return count;
  }
}
