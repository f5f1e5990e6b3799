package com.pipelineforecast.forecast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The {@code limit} largest items of a stream by a comparator, holding no more than {@code limit} at a time. */
final class TopList<T> {

    private final int limit;
    private final Comparator<T> order;
    private final PriorityQueue<T> smallestFirst;

    TopList(int limit, Comparator<T> order) {
        this.limit = limit;
        this.order = order;
        this.smallestFirst = new PriorityQueue<>(limit + 1, order);
    }

    void offer(T item) {
        if (limit <= 0) {
            return;
        }
        if (smallestFirst.size() < limit) {
            smallestFirst.add(item);
        } else if (order.compare(item, smallestFirst.peek()) > 0) {
            smallestFirst.poll();
            smallestFirst.add(item);
        }
    }

    /** Largest first. */
    List<T> largestFirst() {
        List<T> items = new ArrayList<>(smallestFirst);
        items.sort(order.reversed());
        return items;
    }
}
