using HvWeb.Persistence.Events;
using Microsoft.EntityFrameworkCore;

namespace HvWeb.Persistence;

/// <summary>
/// The host's database: an index and a journal (jobs, events, users, labs), never the owner of a VM.
/// Each entity has one <see cref="IEntityTypeConfiguration{TEntity}"/> in this assembly.
/// </summary>
public sealed class HvWebDbContext(DbContextOptions<HvWebDbContext> options) : DbContext(options)
{
    public DbSet<EventRecord> Events => Set<EventRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HvWebDbContext).Assembly);
}
