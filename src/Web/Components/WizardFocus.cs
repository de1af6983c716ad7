using Microsoft.JSInterop;

namespace HvWeb.Web.Components;

/// <summary>
/// Keyboard focus for every wizard (New Virtual Machine, New / Edit / Inspect Disk, Import): after each page
/// change the page's selected option (else its first enabled box) has the focus, and on the Summary
/// the Finish button, so Enter goes on. Without it the focus is lost with the previous page's field
/// and Enter does nothing. MudBlazor marks the selected option just after the first render and the
/// dialog's focus trap takes the focus once after opening, so the focus is looked for and given again
/// for a few rounds, unless the focus is already somewhere on the page.
/// </summary>
internal static class WizardFocus
{
    private const int Rounds = 20;

    /// <summary>A page's first box when it has no options: an enabled input or text area.</summary>
    public const string FirstField = "input:not([type=hidden]):not([disabled]), textarea:not([disabled])";
    private static readonly TimeSpan RoundDelay = TimeSpan.FromMilliseconds(50);

    /// <param name="pageId">The element id of the page's section.</param>
    /// <param name="finishId">The Finish button's id: focused on the Summary.</param>
    /// <param name="stillOnPage">False once the user moved to another page (the lookup stops).</param>
    /// <param name="firstField">What counts as the first box of a page without options (default <see cref="FirstField"/>).</param>
    public static async Task FocusPageAsync(IJSRuntime js, TimeProvider time, string pageId, string? finishId, Func<bool> stillOnPage, string firstField = FirstField)
    {
        try
        {
            IJSObjectReference? field = null;
            for (var round = 0; field is null && round < Rounds && stillOnPage(); round++)
            {
                await using var anyOption = await js.InvokeAsync<IJSObjectReference?>("document.querySelector", $"#{pageId} input[type=radio]");
                field = await js.InvokeAsync<IJSObjectReference?>("document.querySelector",
                    finishId is not null ? $"#{finishId}"
                    : anyOption is null ? $"#{pageId} :is({firstField})" : $"#{pageId} input[type=radio]:checked");
                if (field is null && anyOption is null && finishId is null)
                {
                    return;
                }

                if (field is null)
                {
                    await Task.Delay(RoundDelay, time);
                }
            }

            if (field is null)
            {
                return;
            }

            await using (field)
            {
                if (!await field.InvokeAsync<bool>("matches", ":focus") && await FocusedOnPageAsync(js, pageId, finishId))
                {
                    return; // The user got there first (a click): leave the focus where it is.
                }

                await field.InvokeVoidAsync("focus");
                var kept = 0;
                for (var round = 0; round < Rounds && kept < 2 && stillOnPage(); round++)
                {
                    await Task.Delay(RoundDelay, time);
                    if (await field.InvokeAsync<bool>("matches", ":focus"))
                    {
                        kept++;
                    }
                    else if (await FocusedOnPageAsync(js, pageId, finishId))
                    {
                        return; // The user moved it to another field or option.
                    }
                    else
                    {
                        kept = 0;
                        await field.InvokeVoidAsync("focus");
                    }
                }
            }
        }
        catch (JSException)
        {
            // The page changed under the lookup.
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone.
        }
    }

    private static async Task<bool> FocusedOnPageAsync(IJSRuntime js, string pageId, string? finishId)
    {
        await using var focused = await js.InvokeAsync<IJSObjectReference?>("document.querySelector", finishId is not null ? $"#{pageId} :focus, #{finishId}:focus" : $"#{pageId} :focus");
        return focused is not null;
    }
}
