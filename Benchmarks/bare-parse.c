/*
 * The physical floor for reading a plan: libyaml's event parser over the file, counting events,
 * building nothing. planc's loader uses the same event API (Sources/PlanSyntax/YAMLLoader.swift),
 * so anything planc spends above this is node building, the typed model, rules, the scheduler
 * and the writer.
 *
 *   cc -O2 -o bare-parse Benchmarks/bare-parse.c -lyaml
 *   ./bare-parse plan.yaml        # prints "EVENTS BYTES"
 *
 * The file is read into memory first (as planc's SourceReader does) and parsed from the buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.yaml\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 2; }
    if (fseek(file, 0, SEEK_END) != 0) { perror("fseek"); return 2; }
    long size = ftell(file);
    rewind(file);
    unsigned char *bytes = malloc(size > 0 ? (size_t)size : 1);
    if (!bytes || fread(bytes, 1, (size_t)size, file) != (size_t)size) { perror("read"); return 2; }
    fclose(file);

    yaml_parser_t parser;
    yaml_event_t event;
    unsigned long events = 0;
    if (!yaml_parser_initialize(&parser)) { fputs("cannot initialise libyaml\n", stderr); return 2; }
    yaml_parser_set_input_string(&parser, bytes, (size_t)size);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s:%zu:%zu: %s\n", argv[1], parser.problem_mark.line + 1,
                    parser.problem_mark.column + 1, parser.problem ? parser.problem : "parse error");
            yaml_parser_delete(&parser);
            return 1;
        }
        events++;
        yaml_event_type_t type = event.type;
        yaml_event_delete(&event);
        if (type == YAML_STREAM_END_EVENT) break;
    }
    yaml_parser_delete(&parser);
    free(bytes);
    printf("%lu %ld\n", events, size);
    return 0;
}
