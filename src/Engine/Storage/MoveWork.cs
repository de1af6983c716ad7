using Microsoft.Extensions.Logging;

namespace HvWeb.Engine.Storage;

/// <summary>
/// The files and folders a move has made so far, so that a cancelled or failed move removes exactly
/// them (never a file it did not make). Copies go to <c>&lt;name&gt;.moving</c> first and are renamed
/// when complete, so a crash leaves a clearly marked partial file, never a truncated disk under its real name.
/// </summary>
internal sealed class MoveWork(ILogger logger)
{
    private const int BufferBytes = 4 * 1024 * 1024;
    private readonly List<string> _files = [];
    private readonly List<string> _folders = [];

    public IReadOnlyList<string> CreatedFiles => _files;

    /// <summary>Creates <paramref name="folder"/> and any missing parents, remembering which it made.</summary>
    public void EnsureFolder(string folder)
    {
        var missing = new Stack<string>();
        for (var current = folder; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        while (missing.TryPop(out var create))
        {
            Directory.CreateDirectory(create);
            _folders.Add(create);
        }
    }

    /// <summary>Records a file this move made (it is removed on rollback).</summary>
    public void Made(string file) => _files.Add(file);

    /// <summary>Hard link when on the same file system (instant), else a copy. Returns true when linked.</summary>
    public async Task<bool> LinkOrCopyAsync(string from, string to, Action<long> copied, CancellationToken cancellationToken)
    {
        EnsureFolder(Path.GetDirectoryName(to)!);
        if (MoveFileSystems.TryLink(from, to))
        {
            _files.Add(to);
            copied(new FileInfo(from).Length);
            return true;
        }

        await CopyAsync(from, to, copied, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Copies <paramref name="from"/> (holes stay holes) to <c>to.moving</c>, then renames it to <paramref name="to"/>.</summary>
    public async Task CopyAsync(string from, string to, Action<long> copied, CancellationToken cancellationToken)
    {
        EnsureFolder(Path.GetDirectoryName(to)!);
        var partial = to + ".moving";
        _files.Add(partial);
        var buffer = new byte[BufferBytes];
        await using (var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan))
        // A partial file left by a crashed move is this move's own leftover: it is overwritten.
        await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.AsSpan(0, read).ContainsAnyExcept((byte)0))
                {
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    target.Seek(read, SeekOrigin.Current);
                }

                copied(read);
            }

            target.SetLength(source.Length);
            await target.FlushAsync(cancellationToken).ConfigureAwait(false);
            target.Flush(flushToDisk: true);
        }

        File.Move(partial, to);
        _files.Remove(partial);
        _files.Add(to);
    }

    /// <summary>Removes every file and folder this move made (newest first); logs what it cannot remove.</summary>
    public void Rollback()
    {
        foreach (var file in Enumerable.Reverse(_files))
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not remove {File} after a cancelled or failed move", file);
            }
        }

        foreach (var folder in Enumerable.Reverse(_folders))
        {
            RemoveIfEmpty(folder);
        }

        _files.Clear();
        _folders.Clear();
    }

    /// <summary>Removes <paramref name="folder"/> when it exists and holds nothing.</summary>
    public static void RemoveIfEmpty(string folder)
    {
        try
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
        catch (IOException)
        {
            // Something appeared in it meanwhile: it stays.
        }
    }
}
