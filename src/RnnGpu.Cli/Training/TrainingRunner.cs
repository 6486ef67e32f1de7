using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RnnGpu.Cli.Training;

/// <summary>
/// The training loop every task shares: one step at a time, a row of metrics.csv per step, validation and a checkpoint every
/// <see cref="TrainingTask.ValidateEvery"/> steps and at the end, a live progress display (step, loss, gradient norm,
/// sequences per second, GFLOP/s, ETA), and a clean stop: once a stop is requested (Ctrl+C) the current step finishes, a
/// checkpoint of that step is written and the run can be continued with <c>rnngpu resume</c>.
/// </summary>
internal static class TrainingRunner
{
    /// <summary>Exit code of a run stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int StoppedExitCode = 130;

    /// <summary>Runs steps <paramref name="startStep"/> + 1 to <see cref="TrainingTask.Steps"/>.</summary>
    /// <param name="task">The task.</param>
    /// <param name="folder">Its run folder.</param>
    /// <param name="log">metrics.csv, holding exactly the rows of steps 1 to <paramref name="startStep"/>.</param>
    /// <param name="startStep">Steps already done (0 for a new run).</param>
    /// <param name="output">Where lines go.</param>
    /// <param name="live">Draw the Spectre.Console live display on the terminal instead of plain lines.</param>
    /// <param name="stop">Set by Ctrl+C: stop after the current step.</param>
    /// <param name="stopAfter">Stop after this step as if Ctrl+C had been pressed (0: never); lets tests drive the stop path.</param>
    /// <returns><see cref="CliApp.Success"/>, or <see cref="StoppedExitCode"/> when stopped early.</returns>
    public static int Run(TrainingTask task, RunFolder folder, MetricsLog log, int startStep, TextWriter output, bool live,
        CancellationToken stop, int stopAfter = 0)
    {
        // On a terminal every line is fitted to its width (a line the terminal wraps itself breaks mid-word); plain output
        // (redirected, tests) keeps its lines whole.
        void Write(string text)
        {
            if (!live)
            {
                output.WriteLine(text);
                return;
            }
            foreach (var line in LiveView.Fit(text, AnsiConsole.Profile.Width))
                output.WriteLine(line);
        }
        Write(task.Describe());
        if (startStep > 0)
            Write($"resuming {folder.Dir} at step {startStep} of {task.Steps}");
        int lastStep = startStep;
        bool stopped = false;
        double[]? lastValidation = null; // of lastStep, if it validated
        void Loop(IProgressView view)
        {
            var clock = Stopwatch.StartNew();
            var recent = new Queue<(int Step, double Seconds)>();
            recent.Enqueue((startStep, 0));
            int every = task.ValidateEvery;
            for (int step = startStep + 1; step <= task.Steps; step++)
            {
                var stats = task.Step(step);
                if (!stats.Values.All(double.IsFinite))
                    throw new CliException($"training diverged at step {step} (loss or gradient not finite); try a smaller --lr or --clip.", CliApp.Failure);
                bool validate = step % every == 0 || step == task.Steps;
                double[] valid = validate ? task.Validate() : Enumerable.Repeat(double.NaN, task.ValidColumns.Count).ToArray();
                log.Add(step, stats.Values.Concat(valid).ToArray());
                lastStep = step;
                lastValidation = validate ? valid : null;
                if (validate)
                {
                    log.Flush();
                    task.Save(folder.Dir, step);
                }

                double now = clock.Elapsed.TotalSeconds;
                recent.Enqueue((step, now));
                while (recent.Count > 50)
                    recent.Dequeue();
                var (firstStep, firstTime) = recent.Peek();
                double perStep = (now - firstTime) / Math.Max(1, step - firstStep);
                var state = new ProgressState(step, task.Steps, stats.Loss, stats.GradNorm,
                    task.SequencesPerStep / perStep, task.FlopsPerStep / perStep / 1e9, TimeSpan.FromSeconds(perStep * (task.Steps - step)),
                    validate ? string.Join(' ', task.ValidColumns.Select((c, i) => FormattableString.Invariant($"{c} {valid[i]:G4}"))) : null,
                    task.ThroughputText);
                view.Update(state, validate);
                if (validate)
                    foreach (var line in task.AfterValidation(step))
                        view.Line(line);
                bool stopHere = step < task.Steps && (stop.IsCancellationRequested || step == stopAfter);
                if (task.Group is not null)
                    task.AgreeToStop(stopHere); // data-parallel replicas wait for this word after every step
                if (stopHere)
                {
                    stopped = true;
                    break;
                }
            }
            if (stopped && lastStep % every != 0)
            {
                log.Flush();
                task.Save(folder.Dir, lastStep);
            }
        }

        if (live)
        {
            AnsiConsole.Live(LiveView.Render(null, task.Steps))
                .AutoClear(true) // the last step stays as its validation line above; the final frame would repeat it
                .Overflow(VerticalOverflow.Ellipsis)
                .Start(ctx => Loop(new LiveView(ctx)));
        }
        else
        {
            Loop(new PlainView(output));
        }
        log.Flush();

        foreach (var line in task.Finish(folder.Dir, log, finished: !stopped, lastValidation ?? task.Validate()))
            Write(line);
        if (stopped)
        {
            Write($"stopped after step {lastStep} of {task.Steps}; checkpoint kept ({string.Join(", ", task.CheckpointFiles)} in {folder.Dir}).");
            Write($"continue with: {Invocation.Command} resume {folder.Dir}");
            return StoppedExitCode;
        }
        return CliApp.Success;
    }

    /// <summary>Runs a new or resumed run with Ctrl+C wired to a clean stop.</summary>
    public static int RunWithCtrlC(TrainingTask task, RunFolder folder, MetricsLog log, int startStep, TextWriter output, int stopAfter)
    {
        using var stop = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (stop.IsCancellationRequested)
                return; // a second Ctrl+C ends the process; the last checkpoint is intact (written atomically)
            e.Cancel = true;
            stop.Cancel();
        }
        Console.CancelKeyPress += OnCancel;
        try
        {
            bool live = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            return Run(task, folder, log, startStep, output, live, stop.Token, stopAfter);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>"1:02:03" or "2:03".</summary>
    public static string Clock(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}

/// <summary>What the progress display shows after a step.</summary>
/// <param name="Step">The step just done (1-based).</param>
/// <param name="Total">The run's total of steps.</param>
/// <param name="Loss">The loss as shown.</param>
/// <param name="GradNorm">The gradient norm as shown.</param>
/// <param name="SequencesPerSecond">Training sequences per second of the recent steps, all models together.</param>
/// <param name="Gflops">GFLOP/s of the recent steps.</param>
/// <param name="Eta">Time left.</param>
/// <param name="Validation">The validation metrics of this step, or null.</param>
/// <param name="Throughput">Sequences per second per model ("rnn 5120 lstm 1830 seq/s") for tasks that train several models side
/// by side; null: <see cref="SequencesPerSecond"/> (the step's total) is shown.</param>
internal readonly record struct ProgressState(int Step, int Total, string Loss, string GradNorm, double SequencesPerSecond,
    double Gflops, TimeSpan Eta, string? Validation, string? Throughput = null)
{
    /// <summary>The throughput as shown: per model, or the total.</summary>
    public string SeqPerSecond => Throughput ?? FormattableString.Invariant($"{SequencesPerSecond:F0} seq/s");

    /// <summary>Step, loss, gradient norm, sequences per second, GFLOP/s and ETA.</summary>
    public string Status()
    {
        int width = Total.ToString(CultureInfo.InvariantCulture).Length;
        return FormattableString.Invariant(
            $"step {Step.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{Total}  loss {Loss}  grad norm {GradNorm}  {SeqPerSecond}  {Gflops:F2} GFLOP/s  ETA {TrainingRunner.Clock(Eta)}");
    }

    /// <summary><see cref="Status"/> and the validation metrics, if any.</summary>
    public string Text() => Validation is null ? Status() : Status() + "  | " + Validation;
}

internal interface IProgressView
{
    void Update(ProgressState state, bool validated);

    void Line(string text);
}

/// <summary>Plain lines (redirected output, tests, CI): one line per validation.</summary>
internal sealed class PlainView(TextWriter output) : IProgressView
{
    public void Update(ProgressState state, bool validated)
    {
        if (validated)
            output.WriteLine(state.Text());
    }

    public void Line(string text) => output.WriteLine(text);
}

/// <summary>The Spectre.Console live display on a terminal: a progress bar line and a table of the step's figures, redrawn
/// after every step; validation lines and samples scroll above it.</summary>
internal sealed class LiveView(LiveDisplayContext context) : IProgressView
{
    const int BarWidth = 30;

    public void Update(ProgressState state, bool validated)
    {
        if (validated)
            Line(state.Text());
        context.UpdateTarget(Render(state, state.Total));
        context.Refresh();
    }

    /// <summary>Writes above the live display in lines narrower than the terminal: a line the terminal wraps itself moves the
    /// cursor where the live display does not expect it, and its next redraw garbles the scrollback.</summary>
    public void Line(string text)
    {
        int width = AnsiConsole.Profile.Width;
        // Padded to the width: the text lands where the live display was drawn, and what it does not cover would stay.
        foreach (var line in Fit(text, width))
            AnsiConsole.WriteLine(line.PadRight(Math.Max(8, width - 1)));
    }

    /// <summary>Splits <paramref name="text"/> into lines of at most <paramref name="width"/> - 1 characters, at spaces where it
    /// can (continuation lines indented by two), hard where a word alone is too long.</summary>
    public static IEnumerable<string> Fit(string text, int width)
    {
        int max = Math.Max(8, width - 1);
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            string rest = paragraph;
            bool first = true;
            while (true)
            {
                string prefix = first ? "" : "  ";
                int room = max - prefix.Length;
                if (rest.Length <= room)
                {
                    yield return prefix + rest;
                    break;
                }
                int cut = rest.LastIndexOf(' ', room);
                if (cut <= 0)
                    cut = room;
                yield return prefix + rest[..cut].TrimEnd();
                rest = rest[cut..].TrimStart();
                first = false;
            }
        }
    }

    /// <summary>The bar and the table for <paramref name="state"/> (null: before the first step).</summary>
    public static IRenderable Render(ProgressState? state, int total)
    {
        int step = state?.Step ?? 0;
        int filled = total == 0 ? 0 : (int)((long)BarWidth * step / total);
        string bar = $"[green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/]";
        string eta = state is { } e ? TrainingRunner.Clock(e.Eta) : "-";
        var head = new Markup(FormattableString.Invariant($"[bold]step {step}/{total}[/] {bar} {100.0 * step / Math.Max(1, total),5:F1}%  ETA {eta}"))
            .Overflow(Overflow.Ellipsis);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("loss").AddColumn("grad norm").AddColumn(new TableColumn("seq/s").RightAligned()).AddColumn(new TableColumn("GFLOP/s").RightAligned());
        if (state is { } s)
            table.AddRow(Markup.Escape(s.Loss), Markup.Escape(s.GradNorm),
                Markup.Escape(s.Throughput is { } t ? t[..^" seq/s".Length] : s.SequencesPerSecond.ToString("F0", CultureInfo.InvariantCulture)),
                s.Gflops.ToString("F2", CultureInfo.InvariantCulture));
        else
            table.AddRow("-", "-", "-", "-");
        return new Rows(head, table);
    }
}
