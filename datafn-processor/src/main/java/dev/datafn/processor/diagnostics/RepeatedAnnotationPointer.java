package dev.datafn.processor.diagnostics;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Points at one of several repeated annotations on a type. javac wraps repeated annotations in a
 * container that has no source position, so the messager cannot underline, say, the second
 * {@code @Index}; the compiler's tree API can. Other compilers (or types without source) fall back to the
 * messager's coarser position.
 */
final class RepeatedAnnotationPointer {

    private final Trees trees;

    private RepeatedAnnotationPointer(Trees trees) {
        this.trees = trees;
    }

    /** @param environment the processing environment @return a pointer, or {@code null} off javac */
    static RepeatedAnnotationPointer of(ProcessingEnvironment environment) {
        try {
            return new RepeatedAnnotationPointer(Trees.instance(environment));
        } catch (IllegalArgumentException | LinkageError notJavac) {
            return null;
        }
    }

    /**
     * @param type       the annotated type
     * @param annotation the repeated annotation's qualified name
     * @param occurrence which one, counting from 0
     * @param attribute  the attribute to underline, or {@code null} for the whole annotation
     * @param message    the error
     * @return whether the error was reported
     */
    boolean error(Element type, String annotation, int occurrence, String attribute, String message) {
        if (!(type instanceof TypeElement)) {
            return false;
        }
        TreePath path = trees.getPath(type);
        if (path == null || !(path.getLeaf() instanceof ClassTree declaration)) {
            return false;
        }
        List<? extends AnnotationTree> matching = declaration.getModifiers().getAnnotations().stream()
                .filter(tree -> isAnnotation(path, tree, annotation))
                .toList();
        if (occurrence < 0 || occurrence >= matching.size()) {
            return false;
        }
        AnnotationTree target = matching.get(occurrence);
        Tree pointAt = target;
        for (ExpressionTree argument : target.getArguments()) {
            if (attribute != null && argument instanceof AssignmentTree assignment
                    && assignment.getVariable() instanceof IdentifierTree name
                    && name.getName().contentEquals(attribute)) {
                pointAt = assignment.getExpression();
            }
        }
        trees.printMessage(Diagnostic.Kind.ERROR, message, pointAt, path.getCompilationUnit());
        return true;
    }

    private boolean isAnnotation(TreePath declaration, AnnotationTree tree, String annotation) {
        Element element = trees.getElement(new TreePath(declaration, tree.getAnnotationType()));
        return element instanceof TypeElement type && type.getQualifiedName().contentEquals(annotation);
    }
}
