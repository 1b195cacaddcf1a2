package dev.datafn.search;

import dev.datafn.annotations.SearchAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * The analyzers a searchable field can name ({@link SearchAnalyzer}), under {@link SearchAnalyzer#indexName()}:
 * the default one splits words as Unicode does, lower-cases them and folds accents to ASCII; each language
 * is Lucene's own analyzer for it (its stop words and stemmer). Hibernate Search creates this class itself,
 * from the backend's {@code analysis.configurer} setting.
 */
public final class DataFnAnalysis implements LuceneAnalysisConfigurer {

    /** Creates the configurer; Hibernate Search calls it. */
    public DataFnAnalysis() {
    }

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(SearchAnalyzer.DEFAULT.indexName()).custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding");
        context.analyzer(SearchAnalyzer.ENGLISH.indexName()).instance(new EnglishAnalyzer());
        context.analyzer(SearchAnalyzer.FRENCH.indexName()).instance(new FrenchAnalyzer());
        context.analyzer(SearchAnalyzer.GERMAN.indexName()).instance(new GermanAnalyzer());
        context.analyzer(SearchAnalyzer.SPANISH.indexName()).instance(new SpanishAnalyzer());
        context.analyzer(SearchAnalyzer.ITALIAN.indexName()).instance(new ItalianAnalyzer());
        context.analyzer(SearchAnalyzer.PORTUGUESE.indexName()).instance(new PortugueseAnalyzer());
        context.analyzer(SearchAnalyzer.DUTCH.indexName()).instance(new DutchAnalyzer());
    }
}
