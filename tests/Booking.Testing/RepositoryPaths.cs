namespace Booking.Testing;

/// <summary>Finds files of the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string NodeBin(string tool)
    {
        var path = Path.Combine(Root, "node_modules", ".bin", tool);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{tool} is not installed; run ./test.sh (it runs 'npm ci') first.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BookingFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("BookingFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
