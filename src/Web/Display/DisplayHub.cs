using System.Runtime.CompilerServices;
using HvWeb.Display;
using HvWeb.Engine.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace HvWeb.Web.Display;

/// <summary>
/// The browser's side of a VM's screen: <see cref="Watch"/> streams frames (binary tiles over
/// MessagePack); the other methods carry input for the watched VM. Access is checked per VM; a
/// read-only viewer's input is refused here, whatever the page shows.
/// </summary>
[Authorize]
public sealed partial class DisplayHub(VmDisplaySources sources, IAuthorizationService authorization, ILogger<DisplayHub> logger) : Hub
{
    private const string ViewerKey = "HvWeb.Display.Viewer";

    /// <summary>Frames of a VM's screen until it closes, the browser stops drawing, or the connection ends.</summary>
    public async IAsyncEnumerable<DisplayFrameMessage> Watch(Guid vmId, bool readOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var user = Context.User!;
        if (!(await authorization.AuthorizeAsync(user, vmId, DisplayPolicies.View)).Succeeded)
        {
            throw new HubException("You may not view this VM's screen.");
        }

        var control = !readOnly && (await authorization.AuthorizeAsync(user, vmId, DisplayPolicies.Control)).Succeeded;
        using var lease = Acquire(vmId);
        var viewer = AddViewer(lease, readOnly: !control);
        await using var _ = viewer;
        if (!Context.Items.TryAdd(ViewerKey, viewer))
        {
            throw new HubException("This connection already shows a screen; open another connection for another VM.");
        }

        try
        {
            var frames = viewer.ReadFramesAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using var __ = frames;
            while (await NextAsync(frames))
            {
                yield return DisplayFrameMessage.From(frames.Current);
            }
        }
        finally
        {
            Context.Items.Remove(ViewerKey);
        }
    }

    /// <summary>The browser has drawn frame <paramref name="seq"/>.</summary>
    public void Ack(long seq) => (Context.Items.TryGetValue(ViewerKey, out var viewer) ? viewer as DisplayViewer : null)?.Acknowledge(seq);

    /// <summary>A key by <c>KeyboardEvent.code</c>, pressed or released.</summary>
    public Task Key(string code, bool down) => InputAsync(viewer => viewer.KeyAsync(code, down, Context.ConnectionAborted));

    /// <summary>Absolute pointer position in screen pixels and RFB's button mask.</summary>
    public Task Pointer(int x, int y, int buttons) => InputAsync(viewer => viewer.PointerAsync(x, y, buttons, Context.ConnectionAborted));

    public Task CtrlAltDel() => InputAsync(viewer => viewer.CtrlAltDelAsync(Context.ConnectionAborted));

    /// <summary>Releases every key this viewer holds (the page lost focus).</summary>
    public Task ReleaseKeys() => InputAsync(viewer => viewer.ReleaseKeysAsync(Context.ConnectionAborted));

    /// <summary>Types text as key strokes (US layout); answers how many characters were typed and skipped.</summary>
    public async Task<TypeTextResult> TypeText(string text)
    {
        TypeTextResult result = new(0, 0);
        await InputAsync(async viewer => result = await viewer.TypeTextAsync(text, Context.ConnectionAborted));
        return result;
    }

    private VmDisplayLease Acquire(Guid vmId)
    {
        try
        {
            return sources.Acquire(vmId);
        }
        catch (Exception e) when (e is VmNotFoundException or VmStateException)
        {
            throw new HubException(e.Message);
        }
    }

    private static DisplayViewer AddViewer(VmDisplayLease lease, bool readOnly)
    {
        try
        {
            return lease.Source.AddViewer(readOnly);
        }
        catch (DisplayClosedException e)
        {
            throw new HubException(e.Message);
        }
    }

    private static async Task<bool> NextAsync(IAsyncEnumerator<DisplayFrame> frames)
    {
        try
        {
            return await frames.MoveNextAsync();
        }
        catch (Exception e) when (e is DisplayClosedException or DisplayViewerStalledException)
        {
            throw new HubException(e.Message);
        }
    }

    private async Task InputAsync(Func<DisplayViewer, Task> input)
    {
        if (!Context.Items.TryGetValue(ViewerKey, out var item) || item is not DisplayViewer viewer)
        {
            throw new HubException("This connection does not show a screen yet; input needs Watch first.");
        }

        try
        {
            await input(viewer);
        }
        catch (DisplayInputRefusedException e)
        {
            LogRefused(Context.UserIdentifier ?? Context.User?.Identity?.Name ?? "?", Context.ConnectionId);
            throw new HubException(e.Message);
        }
        catch (Exception e) when (e is DisplayClosedException or ArgumentException)
        {
            throw new HubException(e.Message);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw new HubException("The VM's screen has closed; its input was not delivered.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Input from read-only viewer {User} (connection {ConnectionId}) refused")]
    private partial void LogRefused(string user, string connectionId);
}
