package dev.weft;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that is a <em>checkpoint</em>: a point where the current task may be switched
 * out (a schedule point) and where a pending cancellation is raised as {@link
 * dev.weft.cancel.CancelledError} (a cancel point).
 *
 * <p>A method so marked is a checkpoint on every call, whether or not it actually has to wait; a
 * method without the mark never switches tasks and never blocks. Java has no {@code await}
 * keyword to show where switches may happen, so this annotation (and the sentence "This method is
 * a checkpoint." in the method's documentation) is how weft makes them visible.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR})
public @interface Checkpoint {}
