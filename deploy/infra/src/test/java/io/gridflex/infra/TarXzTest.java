package io.gridflex.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarXzTest {

    @TempDir
    Path dir;

    @Test
    void keepsModesAndLinks() throws IOException {
        Path archive = dir.resolve("a.txz");
        try (var tar = new TarArchiveOutputStream(new XZCompressorOutputStream(Files.newOutputStream(archive)))) {
            file(tar, "bin/postgres", "#!/bin/sh\n", 0755);
            file(tar, "lib/libpq.so.5.17", "elf", 0644);
            TarArchiveEntry link = new TarArchiveEntry("lib/libpq.so.5", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("libpq.so.5.17");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }

        TarXz.unpack(archive, dir.resolve("out"));

        assertThat(Files.isExecutable(dir.resolve("out/bin/postgres"))).isTrue();
        assertThat(Files.isExecutable(dir.resolve("out/lib/libpq.so.5.17"))).isFalse();
        assertThat(Files.readSymbolicLink(dir.resolve("out/lib/libpq.so.5"))).isEqualTo(Path.of("libpq.so.5.17"));
        assertThat(Files.readString(dir.resolve("out/lib/libpq.so.5"))).isEqualTo("elf");
    }

    @Test
    void refusesEntriesThatEscapeTheTarget() throws IOException {
        Path archive = dir.resolve("evil.txz");
        try (var tar = new TarArchiveOutputStream(new XZCompressorOutputStream(Files.newOutputStream(archive)))) {
            file(tar, "../escaped", "x", 0644);
        }

        assertThatThrownBy(() -> TarXz.unpack(archive, dir.resolve("out"))).hasMessageContaining("outside");
        assertThat(dir.resolve("escaped")).doesNotExist();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content, int mode) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
