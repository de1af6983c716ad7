using System.Security.Claims;
using HvWeb.Engine.Checkpoints;
using HvWeb.Engine.Errors;
using HvWeb.Engine.Model;
using HvWeb.Jobs;
using HvWeb.Jobs.Checkpoints;
using HvWeb.Web.Api.Contracts;
using HvWeb.Web.Api.Jobs;
using HvWeb.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HvWeb.Web.Api;

/// <summary>A checkpoint in the tree, with its children; <see cref="IsNowParent"/>: "Now" sits under it.</summary>
public sealed record CheckpointDto(
    Guid Id, string Name, CheckpointKind Type, DateTimeOffset CreatedUtc, Guid? ParentId, bool IsNowParent,
    IReadOnlyList<DriveDto> FrozenDisks, bool HasMemory, int MemoryStartupMb, int ProcessorCount, IReadOnlyList<CheckpointDto> Children)
{
    public static CheckpointDto From(CheckpointNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var c = node.Checkpoint;
        return new(c.Id, c.Name, c.Type, c.CreatedUtc, c.ParentId, node.IsNowParent,
            [.. c.Disks.Select(d => DriveDto.From(new DriveDefinition { Controller = d.Controller, ControllerNumber = d.ControllerNumber, Location = d.Location, Path = d.Path }))],
            c.SavedStateFile is not null, c.Settings.MemoryStartupMb, c.Settings.ProcessorCount, [.. node.Children.Select(From)]);
    }
}

/// <summary>The tree: its roots, and the checkpoint "Now" runs from (null: none).</summary>
public sealed record CheckpointTreeDto(IReadOnlyList<CheckpointDto> Roots, Guid? NowParentId, int Count);

/// <summary>POST /vms/{id}/checkpoints: the name (optional: Hyper-V's "&lt;VM&gt; - (date - time)").</summary>
public sealed record TakeCheckpointRequest(string? Name);

/// <summary>PATCH /vms/{id}/checkpoints/{cid}: the new name.</summary>
public sealed record RenameCheckpointRequest(string? Name);

/// <summary>POST /vms/{id}/checkpoints/{cid}/apply: Hyper-V's "Take Checkpoint and Apply" when true.</summary>
public sealed record ApplyCheckpointRequest(bool TakeCheckpointFirst);

/// <summary>GET /vms/{id}/checkpoints, take, rename, delete (a merge job), apply, revert.</summary>
public static class CheckpointEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/vms/{id:guid}").WithTags("Checkpoints");
        group.MapGet("/checkpoints", (Guid id, ICheckpointService checkpoints) => TypedResults.Ok(Tree(checkpoints.GetTree(id))))
            .WithName("ListCheckpoints").WithSummary("The VM's checkpoint tree.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/checkpoints", TakeAsync)
            .WithName("TakeCheckpoint").WithSummary("Take a checkpoint (Standard or Production, as the VM's settings say).")
            .WithDescription("Runs as a job: 202 Accepted with Location: /api/v1/jobs/{id}. Refused with 409 when checkpoints are disabled for the VM.")
            .Produces<JobInfo>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/checkpoints/{cid:guid}", RenameAsync)
            .WithName("RenameCheckpoint").WithSummary("Rename a checkpoint.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/checkpoints/{cid:guid}", DeleteAsync)
            .WithName("DeleteCheckpoint").WithSummary("Delete a checkpoint (its differencing disk is merged), or with ?subtree=true the checkpoint and all under it.")
            .WithDescription("Runs as a job: 202 Accepted. Refused with 409 before starting when there is not enough free space for the merge.")
            .Produces<JobInfo>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/checkpoints/{cid:guid}/delete-preview", PreviewAsync)
            .WithName("PreviewDeleteCheckpoint").WithSummary("What a delete will merge, and the free space, before confirming.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/checkpoints/{cid:guid}/apply", ApplyAsync)
            .WithName("ApplyCheckpoint").WithSummary("Apply a checkpoint: a running VM is turned off; a Standard checkpoint's memory becomes the VM's saved state.")
            .Produces<JobInfo>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/revert", RevertAsync)
            .WithName("RevertVm").WithSummary("Revert: apply the checkpoint \"Now\" runs from, discarding what changed since.")
            .Produces<JobInfo>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static CheckpointTreeDto Tree(CheckpointTree tree) => new([.. tree.Roots.Select(CheckpointDto.From)], tree.NowParentId, tree.Count);

    private static async Task<Accepted<JobInfo>> TakeAsync(Guid id, TakeCheckpointRequest? request, CheckpointJobs factory, IJobService jobs, ClaimsPrincipal user)
    {
        if (request?.Name is { } name && CheckpointNames.Problem(name) is { } problem)
        {
            throw VmValidationException.For("name", problem);
        }

        return JobResults.Accepted(await jobs.EnqueueAsync(factory.Take(id, request?.Name?.Trim()), JobUser.Of(user)));
    }

    private static async Task<Ok<CheckpointDto>> RenameAsync(Guid id, Guid cid, RenameCheckpointRequest request, ICheckpointService checkpoints)
    {
        await checkpoints.RenameAsync(id, cid, request?.Name ?? "");
        var tree = checkpoints.GetTree(id);
        return TypedResults.Ok(CheckpointDto.From(Find(tree.Roots, cid)!));
    }

    private static CheckpointNode? Find(IEnumerable<CheckpointNode> nodes, Guid id) =>
        nodes.Select(n => n.Checkpoint.Id == id ? n : Find(n.Children, id)).FirstOrDefault(n => n is not null);

    private static async Task<Accepted<JobInfo>> DeleteAsync(Guid id, Guid cid, bool? subtree, CheckpointJobs factory, IJobService jobs, ClaimsPrincipal user) =>
        JobResults.Accepted(await jobs.EnqueueAsync(factory.Delete(id, cid, subtree ?? false), JobUser.Of(user)));

    private static async Task<Ok<DeletePreview>> PreviewAsync(Guid id, Guid cid, bool? subtree, ICheckpointService checkpoints) =>
        TypedResults.Ok(await checkpoints.PreviewDeleteAsync(id, cid, subtree ?? false));

    private static async Task<Accepted<JobInfo>> ApplyAsync(Guid id, Guid cid, ApplyCheckpointRequest? request, CheckpointJobs factory, IJobService jobs, ClaimsPrincipal user) =>
        JobResults.Accepted(await jobs.EnqueueAsync(factory.Apply(id, cid, request?.TakeCheckpointFirst ?? false), JobUser.Of(user)));

    private static async Task<Accepted<JobInfo>> RevertAsync(Guid id, CheckpointJobs factory, IJobService jobs, ClaimsPrincipal user) =>
        JobResults.Accepted(await jobs.EnqueueAsync(factory.Revert(id), JobUser.Of(user)));
}
