using HvWeb.Engine.Errors;
using HvWeb.Engine.Host;

namespace HvWeb.Engine.Storage;

/// <summary>
/// Copies one file of an import with <c>cp --sparse=auto --reflink=auto</c>: byte for byte, each
/// layer of a qcow2 chain as it is (no re-encoding; a fixed disk stays fully allocated, a sparse one
/// keeps its holes, a copy-on-write file system shares the blocks), then the copy's parent is set
/// with <c>qemu-img rebase -u</c>. While cp runs, the copy's length is read twice a second for the
/// progress by bytes.
/// </summary>
public sealed class ImportFileCopier(TimeProvider time)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    /// <param name="copied">Bytes of this file copied so far.</param>
    public async Task CopyAsync(string from, string to, Action<long> copied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copied);
        var run = ProcessRunner.RunAsync("cp", ["--sparse=auto", "--reflink=auto", "--no-target-directory", "--", from, to], Timeout.InfiniteTimeSpan, cancellationToken);
        while (await Task.WhenAny(run, Task.Delay(ProgressInterval, time, CancellationToken.None)).ConfigureAwait(false) != run)
        {
            copied(LengthOf(to));
        }

        ProcessResult result;
        try
        {
            result = await run.ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new VmOperationException("cp was not found.", e);
        }

        if (result.ExitCode != 0)
        {
            throw new VmOperationException($"Copying '{from}' to '{to}' failed: {result.StandardError.Trim()}");
        }

        copied(LengthOf(to));
    }

    private static long LengthOf(string file)
    {
        try
        {
            return File.Exists(file) ? new FileInfo(file).Length : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
