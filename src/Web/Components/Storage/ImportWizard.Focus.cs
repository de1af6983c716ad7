using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace HvWeb.Web.Components.Storage;

/// <summary>
/// Keyboard: each page opens with the focus on its first field (the list of virtual machines, the
/// selected import type, the first folder), the Summary on Finish, so Enter goes on. MudBlazor
/// renders the selected radio just after the first render, and the dialog's focus trap takes the
/// focus once when it opens, so the focus is given again for a few rounds until it stays.
/// </summary>
public partial class ImportWizard
{
    private const string PageElementId = "hv-import-wizard-page";
    private const string FinishButtonId = "hv-import-wizard-finish";
    private const string FirstFieldSelector = "[role=listbox], input[type=radio]:checked, input:not([type=hidden]):not([disabled]):not([type=radio]), [role=combobox][tabindex=\"0\"]";
    private const int FocusRounds = 20;
    private static readonly TimeSpan FocusRoundDelay = TimeSpan.FromMilliseconds(50);

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private ImportPage? _focused;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focused != Page && !Busy)
        {
            _focused = Page;
            await FocusFirstFieldAsync(Page);
        }
    }

    private async Task FocusFirstFieldAsync(ImportPage page)
    {
        try
        {
            var selector = page == ImportPage.Summary ? $"#{FinishButtonId}" : $"#{PageElementId} :is({FirstFieldSelector})";
            var kept = 0;
            for (var round = 0; round < FocusRounds && kept < 2 && page == Page; round++)
            {
                await using var field = await JS.InvokeAsync<IJSObjectReference?>("document.querySelector", selector);
                if (field is not null && await field.InvokeAsync<bool>("matches", ":focus"))
                {
                    kept++;
                }
                else
                {
                    kept = 0;
                    if (field is not null)
                    {
                        await field.InvokeVoidAsync("focus");
                    }
                }

                await Task.Delay(FocusRoundDelay, Time);
            }
        }
        catch (JSException)
        {
            // The page changed under the lookup.
        }
        catch (JSDisconnectedException)
        {
            // The browser went away.
        }
    }
}
