package com.pipelineforecast.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.pipelineforecast.ingest.InputFiles;

/** One ingest partition per deal export, named after its position so a restart finds the same partitions. */
public class InputPartitioner implements Partitioner {

    static final String FILE = "file";

    private final List<String> inputs;

    public InputPartitioner(List<String> inputs) {
        this.inputs = inputs;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        List<Path> files = InputFiles.dealExports(inputs);
        for (int i = 0; i < files.size(); i++) {
            ExecutionContext context = new ExecutionContext();
            context.putString(FILE, files.get(i).toString());
            partitions.put(String.format("file%03d", i + 1), context);
        }
        return partitions;
    }
}
