using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace HvWeb.Web.Components.Console;

/// <summary>"Type clipboard text": a box whose text is typed into the guest.</summary>
public partial class TypeTextDialog
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public string Text { get; set; } = "";

    private void Cancel() => Dialog.Cancel();

    private void Type() => Dialog.Close(DialogResult.Ok(Text));
}
