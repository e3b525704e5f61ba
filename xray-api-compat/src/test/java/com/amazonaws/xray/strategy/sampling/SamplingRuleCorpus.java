package com.amazonaws.xray.strategy.sampling;

import java.util.Arrays;
import java.util.List;

/**
 * Rule files in every shape the tests need (written with {@code '} for {@code "}): valid ones whose
 * decisions are deterministic (every rate 0 or 1 or more), files that parse but break a rule (with
 * the X-Ray SDK's message), and files that cannot be parsed (X-Ray's default rule replaces them).
 */
final class SamplingRuleCorpus {
  private SamplingRuleCorpus() {}

  /** A named rule file. */
  static final class Entry {
    final String name;
    final String json;

    /** A file whose text is {@code json} with each {@code '} turned into {@code "}. */
    Entry(String name, String json) {
      this(name, json, true);
    }

    Entry(String name, String json, boolean singleQuotesAreDoubleQuotes) {
      this.name = name;
      this.json = singleQuotesAreDoubleQuotes ? json.replace('\'', '"') : json;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A rule file that parses but is invalid, with the message of the exception it causes. */
  static final class Invalid {
    final String name;
    final String json;
    final String reason;

    /** A file whose text is {@code json} with each {@code '} turned into {@code "}. */
    Invalid(String name, String json, String reason) {
      this.name = name;
      this.json = json.replace('\'', '"');
      this.reason = reason;
    }

    String message() {
      return "Invalid sampling rule manifest provided. " + reason;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final String DEFAULT_NEVER = "'default':{'fixed_target':0,'rate':0}";

  static final List<Entry> VALID =
      Arrays.asList(
          new Entry(
              "version 1: service_name is matched against the request host",
              "{'version':1,'rules':["
                  + "{'description':'orders','service_name':'orders-*','http_method':'GET',"
                  + "'url_path':'/api/*','fixed_target':0,'rate':1},"
                  + "{'service_name':'*','http_method':'POST','url_path':'*',"
                  + "'fixed_target':0,'rate':1}],"
                  + DEFAULT_NEVER
                  + "}"),
          new Entry(
              "version 2: first matching rule wins, globs ignore case",
              "{'version':2,'rules':["
                  + "{'host':'*.example.com','http_method':'g?t','url_path':'/Items/*',"
                  + "'fixed_target':0,'rate':1},"
                  + "{'host':'*','http_method':'*','url_path':'/health','fixed_target':0,"
                  + "'rate':0},"
                  + "{'host':'*','http_method':'*','url_path':'/h*','fixed_target':0,"
                  + "'rate':1}],"
                  + DEFAULT_NEVER
                  + "}"),
          new Entry(
              "empty patterns match only empty or missing values",
              "{'version':2,'rules':[{'host':'','http_method':'','url_path':'',"
                  + "'fixed_target':0,'rate':1}],"
                  + DEFAULT_NEVER
                  + "}"),
          new Entry(
              "version 1 with host and service_name: service_name wins",
              "{'version':1,'rules':[{'host':'nothing','service_name':'orders-*',"
                  + "'http_method':'*','url_path':'*','fixed_target':0,'rate':1}],"
                  + DEFAULT_NEVER
                  + "}"),
          new Entry(
              "version 2 with host and service_name: host wins",
              "{'version':2,'rules':[{'host':'orders-*','service_name':'nothing',"
                  + "'http_method':'*','url_path':'*','fixed_target':0,'rate':1}],"
                  + DEFAULT_NEVER
                  + "}"),
          new Entry("no rules key", "{'version':2,'default':{'fixed_target':0,'rate':1}}"),
          new Entry(
              "null rules", "{'version':1,'rules':null,'default':{'fixed_target':0,'rate':1}}"),
          new Entry(
              "comments, unknown fields, strings for numbers, trailing content",
              "{'version':'2', // a comment\n"
                  + " 'owner':'team', /* another */"
                  + " 'rules':[],'default':{'description':'d','fixed_target':'0','rate':'1'}}"
                  + " xx"),
          new Entry(
              "a rate above 1 samples everything",
              "{'version':2,'rules':[],'default':{'fixed_target':0,'rate':2}}"),
          new Entry(
              "a NaN rate samples nothing",
              "{'version':2,'rules':[],'default':{'fixed_target':0,'rate':'NaN'}}"),
          new Entry(
              "a null fixed_target is 0",
              "{'version':2,'rules':[],'default':{'fixed_target':null,'rate':1}}"),
          new Entry(
              "a fractional version or fixed_target is truncated",
              "{'version':2.9,'rules':[],'default':{'fixed_target':0.9,'rate':1}}"),
          new Entry(
              "service_name in the default rule is allowed",
              "{'version':1,'rules':[],"
                  + "'default':{'service_name':'x','fixed_target':0,'rate':1}}"),
          new Entry(
              "the last of duplicate keys wins",
              "{'version':1,'version':2,'rules':[],'default':{'fixed_target':0,'rate':1}}"),
          new Entry(
              "negative zero rate",
              "{'version':2,'rules':[],'default':{'fixed_target':0,'rate':-0.0}}"));

  private static String rule(String fields) {
    return "{'version':1,'rules':[" + fields + "],'default':{'fixed_target':1,'rate':0.1}}";
  }

  private static String rule2(String fields) {
    return "{'version':2,'rules':[" + fields + "],'default':{'fixed_target':1,'rate':0.1}}";
  }

  private static String defaultRule(String fields) {
    return "{'version':1,'rules':[],'default':{" + fields + "}}";
  }

  static final String NEEDS_PATTERNS =
      "All rules must have values for url_path, host, and http_method.";
  static final String NEEDS_RATES =
      "All rules must have non-negative values for fixed_target and rate.";
  static final String DEFAULT_NO_PATTERNS =
      "The default rule must not specify values for url_path, host, or http_method.";
  static final String DEFAULT_NEEDS_RATES =
      "The default rule must specify non-negative values for fixed_target and rate.";

  static final List<Invalid> INVALID =
      Arrays.asList(
          new Invalid(
              "no version",
              "{'rules':[],'default':{'fixed_target':1,'rate':0.1}}",
              "Manifest version: 0 is not supported."),
          new Invalid(
              "version 3",
              "{'version':3,'rules':[],'default':{'fixed_target':1,'rate':0.1}}",
              "Manifest version: 3 is not supported."),
          new Invalid("empty object", "{}", "Manifest version: 0 is not supported."),
          new Invalid(
              "bad version before missing default",
              "{'version':5}",
              "Manifest version: 5 is not supported."),
          new Invalid("no default", "{'version':1,'rules':[]}", "A default rule must be provided."),
          new Invalid(
              "null default",
              "{'version':2,'rules':[],'default':null}",
              "A default rule must be provided."),
          new Invalid(
              "default with host",
              "{'version':2,'rules':[],'default':{'host':'a','fixed_target':1,'rate':0.1}}",
              DEFAULT_NO_PATTERNS),
          new Invalid(
              "default with http_method",
              defaultRule("'http_method':'GET','fixed_target':1,'rate':0.1"),
              DEFAULT_NO_PATTERNS),
          new Invalid(
              "default with url_path and a negative fixed_target",
              defaultRule("'url_path':'/a','fixed_target':-1,'rate':0.1"),
              DEFAULT_NO_PATTERNS),
          new Invalid(
              "default with negative fixed_target",
              defaultRule("'fixed_target':-1,'rate':0.1"),
              DEFAULT_NEEDS_RATES),
          new Invalid(
              "default with negative rate",
              defaultRule("'fixed_target':1,'rate':-0.1"),
              DEFAULT_NEEDS_RATES),
          new Invalid(
              "default without fixed_target", defaultRule("'rate':0.1"), DEFAULT_NEEDS_RATES),
          new Invalid("default without rate", defaultRule("'fixed_target':1"), DEFAULT_NEEDS_RATES),
          new Invalid("empty default", defaultRule(""), DEFAULT_NEEDS_RATES),
          new Invalid(
              "version 1 rule without service_name",
              rule("{'http_method':'GET','url_path':'/a','fixed_target':1,'rate':0.1}"),
              NEEDS_PATTERNS),
          new Invalid(
              "version 1 rule with host instead of service_name",
              rule(
                  "{'host':'a','http_method':'GET','url_path':'/a','fixed_target':1,"
                      + "'rate':0.1}"),
              NEEDS_PATTERNS),
          new Invalid(
              "version 2 rule with service_name instead of host",
              rule2(
                  "{'service_name':'a','http_method':'GET','url_path':'/a',"
                      + "'fixed_target':1,'rate':0.1}"),
              NEEDS_PATTERNS),
          new Invalid(
              "rule without http_method",
              rule2("{'host':'a','url_path':'/a','fixed_target':1,'rate':0.1}"),
              NEEDS_PATTERNS),
          new Invalid(
              "rule without url_path and with a negative fixed_target",
              rule("{'service_name':'a','http_method':'GET','fixed_target':-1,'rate':0.1}"),
              NEEDS_PATTERNS),
          new Invalid(
              "rule with a null pattern",
              rule(
                  "{'service_name':null,'http_method':'GET','url_path':'/a',"
                      + "'fixed_target':1,'rate':0.1}"),
              NEEDS_PATTERNS),
          new Invalid(
              "rule with negative fixed_target",
              rule2(
                  "{'host':'a','http_method':'GET','url_path':'/a','fixed_target':-1,"
                      + "'rate':0.1}"),
              NEEDS_RATES),
          new Invalid(
              "rule with negative rate",
              rule2(
                  "{'host':'a','http_method':'GET','url_path':'/a','fixed_target':1,"
                      + "'rate':-0.5}"),
              NEEDS_RATES),
          new Invalid(
              "rule without fixed_target",
              rule2("{'host':'a','http_method':'GET','url_path':'/a','rate':0.1}"),
              NEEDS_RATES),
          new Invalid(
              "rule without rate",
              rule2("{'host':'a','http_method':'GET','url_path':'/a','fixed_target':1}"),
              NEEDS_RATES),
          new Invalid(
              "bad default and bad rule: the default is reported",
              "{'version':1,'rules':[{'service_name':'a','http_method':'GET',"
                  + "'fixed_target':1,'rate':0.1}],'default':{'fixed_target':-1,'rate':0.1}}",
              DEFAULT_NEEDS_RATES));

  static final List<Entry> UNPARSEABLE =
      Arrays.asList(
          new Entry("truncated", "{'version':1,'rules':["),
          new Entry("empty", ""),
          new Entry("blank", "  \n "),
          new Entry("an array", "[]"),
          new Entry("fixed_target not a number", defaultRule("'fixed_target':'abc','rate':0.1")),
          new Entry("rate a boolean", defaultRule("'fixed_target':1,'rate':true")),
          new Entry("fixed_target beyond int", defaultRule("'fixed_target':3000000000,'rate':0.1")),
          new Entry(
              "rules an object",
              "{'version':1,'rules':{},'default':{'fixed_target':1,'rate':0.1}}"),
          new Entry(
              "hash comment",
              "{'version':1, # no\n'rules':[],'default':{'fixed_target':1,'rate':0.1}}"),
          new Entry(
              "trailing comma",
              "{'version':1,'rules':[],'default':{'fixed_target':1,'rate':0.1},}"),
          new Entry(
              "single quotes",
              "{'version':1,'rules':[],'default':{'fixed_target':1,'rate':0.1}}",
              false),
          new Entry(
              "unquoted names", "{version:1,'rules':[],'default':{'fixed_target':1,'rate':0.1}}"),
          new Entry("NaN literal", defaultRule("'fixed_target':1,'rate':NaN")),
          new Entry(
              "leading zero", "{'version':01,'rules':[],'default':{'fixed_target':1,'rate':0.1}}"));
}
