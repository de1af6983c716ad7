using System.Text;

namespace HvWeb.Engine.Host;

/// <summary>
/// Reads a child's stdout or stderr to the end, keeping what arrived so far: a daemon that inherits
/// the pipe may hold it open after the child exits, and then the partial text is still the answer.
/// </summary>
internal sealed class OutputCollector
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public OutputCollector(StreamReader reader, CancellationToken stop)
    {
        Completion = ReadAsync(reader, stop);
    }

    public Task Completion { get; }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    private async Task ReadAsync(StreamReader reader, CancellationToken stop)
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, stop).ConfigureAwait(false)) > 0)
            {
                lock (_gate)
                {
                    _text.Append(buffer, 0, read);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped waiting for the end of a pipe someone else holds open; keep what we have.
        }
        catch (IOException)
        {
            // The pipe broke; keep what we have.
        }
    }
}
