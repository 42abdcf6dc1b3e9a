using System.Diagnostics;
using System.Globalization;
using Orrery.Environments.MuJoCo;
using Orrery.Environments.Push;
using Orrery.Environments.Reach;

namespace Orrery.Environments.Tests.MuJoCo;

public class MuJoCoLayoutTests
{
    // Each constant beside the C expression it stands for.
    private static readonly (string Field, int Offset)[] Pinned =
    [
        ("offsetof(mjModel, nq)", MuJoCoLayout.ModelNq),
        ("offsetof(mjModel, nv)", MuJoCoLayout.ModelNv),
        ("offsetof(mjModel, nu)", MuJoCoLayout.ModelNu),
        ("offsetof(mjModel, nbody)", MuJoCoLayout.ModelNbody),
        ("offsetof(mjModel, nsite)", MuJoCoLayout.ModelNsite),
        ("offsetof(mjData, time)", MuJoCoLayout.DataTime),
        ("offsetof(mjData, qpos)", MuJoCoLayout.DataQpos),
        ("offsetof(mjData, qvel)", MuJoCoLayout.DataQvel),
        ("offsetof(mjData, ctrl)", MuJoCoLayout.DataCtrl),
        ("offsetof(mjData, xpos)", MuJoCoLayout.DataXpos),
        ("offsetof(mjData, site_xpos)", MuJoCoLayout.DataSiteXpos),
    ];

    [Fact]
    public void Offsets_match_offsetof_in_the_installed_headers()
    {
        // libmujoco-dev's headers and gcc are test requirements (.ci/run installs them): a missing one fails, never skips.
        Assert.True(File.Exists("/usr/include/mujoco/mujoco.h"), "/usr/include/mujoco/mujoco.h not found: sudo apt-get install -y libmujoco-dev");
        var folder = Directory.CreateTempSubdirectory("orrery-layout-");
        try
        {
            var source = Path.Combine(folder.FullName, "layout.c");
            var program = Path.Combine(folder.FullName, "layout");
            File.WriteAllLines(source,
            [
                "#include <stdio.h>",
                "#include <stddef.h>",
                "#include <mujoco/mujoco.h>",
                "int main(void) {",
                "  printf(\"%d\\n\", mjVERSION_HEADER);",
                .. Pinned.Select(p => $"  printf(\"%zu\\n\", {p.Field});"),
                "  return 0;",
                "}",
            ]);
            Run("gcc", $"-o {program} {source}");
            var printed = Run(program, "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(MuJoCoLibrary.RequiredVersion, printed[0]);
            Assert.Equal(Pinned.Select(p => $"{p.Field} = {p.Offset}"), Pinned.Select((p, i) => $"{p.Field} = {printed[i + 1]}"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Sizes_read_through_the_offsets_describe_the_arm()
    {
        using var physics = new MuJoCoPhysics(ReachArm.Mjcf);
        Assert.Equal((2, 2, 2, 3, 1), (physics.Nq, physics.Nv, physics.Nu, physics.Bodies, physics.Sites));
    }

    [Fact]
    public void Sizes_read_through_the_offsets_describe_the_push_table()
    {
        using var physics = new MuJoCoPhysics(PushTable.Mjcf);
        Assert.Equal((5, 5, 2, 3, 0), (physics.Nq, physics.Nv, physics.Nu, physics.Bodies, physics.Sites));
    }

    [Fact]
    public void Positions_written_through_qpos_move_xpos_and_site_xpos_as_forward_kinematics_says()
    {
        using var physics = new MuJoCoPhysics(ReachArm.Mjcf);
        int fore = physics.BodyId(ReachArm.ForeBody), tip = physics.SiteId(ReachArm.FingertipSite);
        foreach (var (shoulder, elbow) in new[] { (0.0, 0.0), (0.7, -1.2), (-2.5, 2.0), (3.0, 0.4) })
        {
            physics.SetState([shoulder, elbow], [0, 0]);
            var e = physics.BodyPosition(fore);
            Assert.Equal(ReachArm.UpperLength * Math.Cos(shoulder), e.X, 12);
            Assert.Equal(ReachArm.UpperLength * Math.Sin(shoulder), e.Y, 12);
            var f = physics.SitePosition(tip);
            Assert.Equal(e.X + ReachArm.ForeLength * Math.Cos(shoulder + elbow), f.X, 12);
            Assert.Equal(e.Y + ReachArm.ForeLength * Math.Sin(shoulder + elbow), f.Y, 12);
            Assert.Equal(0, f.Z, 12);
            var read = new double[2];
            physics.ReadPositions(read);
            Assert.Equal([shoulder, elbow], read);
        }
    }

    [Fact]
    public void Controls_written_through_ctrl_drive_qvel_and_qpos_integrates_it()
    {
        using var physics = new MuJoCoPhysics(ReachArm.Mjcf);
        physics.SetState([0, 1], [0, 0]);
        physics.Step([1, 0], ReachArm.FrameSkip);
        Assert.Equal(ReachArm.FrameSkip * ReachArm.Timestep, physics.Time, 12);
        double[] before = new double[2], after = new double[2], velocities = new double[2];
        physics.ReadVelocities(velocities);
        Assert.True(velocities[0] > 0.1, $"a positive shoulder torque should turn the shoulder counter-clockwise; qvel = [{string.Join(", ", velocities)}]");
        // semi-implicit Euler (mj_Euler): the new qvel moves qpos by qvel * timestep, which pins qvel against qpos
        physics.ReadPositions(before);
        physics.Step([1, -1], 1);
        physics.ReadPositions(after);
        physics.ReadVelocities(velocities);
        for (var i = 0; i < 2; i++) Assert.Equal(velocities[i], (after[i] - before[i]) / ReachArm.Timestep, 9);
        physics.Reset();
        Assert.Equal(0, physics.Time);
        physics.ReadVelocities(velocities);
        Assert.Equal([0, 0], velocities);
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}: {stderr}");
        return stdout.Result;
    }
}
