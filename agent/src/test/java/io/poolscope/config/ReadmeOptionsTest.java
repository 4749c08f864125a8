package io.poolscope.config;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's option table lists every option of the table in code, with its default; its layer table every layer. */
class ReadmeOptionsTest {

    private static String readme() throws Exception {
        Path readme = Paths.get("..", "README.md");
        return new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);
    }

    @Test
    void readmeListsEveryOptionWithItsDefault() throws Exception {
        String text = readme();
        for (Option<?> option : Option.ALL) {
            String row = "| `" + option.name() + "` | `" + option.defaultText() + "` |";
            assertTrue(text.contains(row), "README.md lacks the row starting " + row);
        }
    }

    @Test
    void readmeListsEveryFrameworkLayerWithItsPackages() throws Exception {
        String text = readme();
        for (FrameLayers.Layer layer : FrameLayers.ALL) {
            String start = "| " + layer.name() + " | ";
            int at = text.indexOf(start);
            assertTrue(at >= 0, "README.md lacks the row starting " + start);
            String row = text.substring(at, text.indexOf('\n', at));
            for (String prefix : layer.prefixes()) {
                assertTrue(row.contains("`" + prefix + "`") || row.contains("`" + prefix + "*`"), row + " lacks " + prefix);
            }
            for (String marker : layer.markers()) {
                assertTrue(row.contains("`" + marker + "`"), row + " lacks " + marker);
            }
        }
    }
}
