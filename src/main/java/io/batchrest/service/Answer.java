package io.batchrest.service;

import io.batchrest.cluster.Elsewhere;

import java.util.function.Function;

/**
 * What the service answers for an execution that may run on another server of the cluster: the result produced
 * here, or that server, where the API layer asks the same question (docs/contract.md §10).
 */
public sealed interface Answer<T> {

    static <T> Answer<T> here(T value) {
        return new Here<>(value);
    }

    static <T> Answer<T> at(Elsewhere server) {
        return new At<>(server);
    }

    /** The answer's form: {@code here} applied to a result of this server, or {@code elsewhere} to the other server. */
    <R> R fold(Function<? super T, ? extends R> here, Function<Elsewhere, ? extends R> elsewhere);

    /** The result produced here. */
    record Here<T>(T value) implements Answer<T> {
        @Override
        public <R> R fold(Function<? super T, ? extends R> here, Function<Elsewhere, ? extends R> elsewhere) {
            return here.apply(value);
        }
    }

    /** The server that produces the result. */
    record At<T>(Elsewhere server) implements Answer<T> {
        @Override
        public <R> R fold(Function<? super T, ? extends R> here, Function<Elsewhere, ? extends R> elsewhere) {
            return elsewhere.apply(server);
        }
    }
}
