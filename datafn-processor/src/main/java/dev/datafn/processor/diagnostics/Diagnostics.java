package dev.datafn.processor.diagnostics;

import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Collects the errors of a compilation and hands each to javac pointed as precisely as the source
 * allows: at the annotation value that is wrong ({@code maxLength = 0}), else at the annotation, else at
 * the element. Reporting never stops processing, so one compilation shows every problem.
 */
public final class Diagnostics {

    private final Messager messager;
    private final RepeatedAnnotationPointer repeated;
    private int errorCount;

    /** @param environment the processing environment whose messager receives the errors */
    public Diagnostics(ProcessingEnvironment environment) {
        this.messager = environment.getMessager();
        this.repeated = RepeatedAnnotationPointer.of(environment);
    }

    /**
     * Reports an error on an element as a whole.
     *
     * @param element the element
     * @param message the message, from {@link Messages}
     */
    public void error(Element element, String message) {
        errorCount++;
        if (element == null) {
            messager.printMessage(Diagnostic.Kind.ERROR, message);
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element);
        }
    }

    /**
     * Reports an error on an attribute of an annotation of an element. When the attribute is not
     * written in source (it has its default) the annotation is underlined; when the annotation is absent,
     * the element.
     *
     * @param element    the annotated element
     * @param annotation the annotation's qualified name, see {@link AnnotationNames}
     * @param attribute  the attribute, or {@code null} for the annotation as a whole
     * @param message    the message, from {@link Messages}
     */
    public void error(Element element, String annotation, String attribute, String message) {
        report(element, AnnotationLookup.find(element, annotation), attribute, message);
    }

    /**
     * Reports an error on an attribute of the {@code occurrence}-th {@code @Index} of an element.
     *
     * @param element    the element carrying the indexes
     * @param occurrence which index, counting from 0
     * @param attribute  the attribute, or {@code null}
     * @param message    the message, from {@link Messages}
     */
    public void indexError(Element element, int occurrence, String attribute, String message) {
        List<AnnotationMirror> indexes = AnnotationLookup.indexes(element);
        boolean wrapped = AnnotationLookup.find(element, AnnotationNames.INDEX_LIST).isPresent();
        if (wrapped && repeated != null
                && repeated.error(element, AnnotationNames.INDEX, occurrence, attribute, message)) {
            errorCount++;
            return;
        }
        Optional<AnnotationMirror> mirror = occurrence >= 0 && occurrence < indexes.size()
                ? Optional.of(indexes.get(occurrence))
                : Optional.empty();
        report(element, mirror, attribute, message);
    }

    private void report(Element element, Optional<AnnotationMirror> mirror, String attribute, String message) {
        if (mirror.isEmpty()) {
            error(element, message);
            return;
        }
        errorCount++;
        Optional<AnnotationValue> value = attribute == null
                ? Optional.empty()
                : AnnotationLookup.explicitValue(mirror.get(), attribute);
        if (value.isPresent()) {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror.get(), value.get());
        } else {
            messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror.get());
        }
    }

    /**
     * Reports a warning on an element: something that compiles but that the user most likely wants to fix.
     *
     * @param element the element
     * @param message the message, from {@link Messages}
     */
    public void warning(Element element, String message) {
        if (element == null) {
            messager.printMessage(Diagnostic.Kind.WARNING, message);
        } else {
            messager.printMessage(Diagnostic.Kind.WARNING, message, element);
        }
    }

    /** @return how many errors were reported */
    public int errorCount() {
        return errorCount;
    }

    /** @return whether any error was reported */
    public boolean hasErrors() {
        return errorCount > 0;
    }
}
