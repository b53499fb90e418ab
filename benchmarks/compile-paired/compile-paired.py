#!/usr/bin/env python3
"""Compile time, paired: fresh javac processes, interleaved round by round (issue 14).

    benchmarks/compile-paired/compile-paired.py ROUNDS NAME=JARS ...

Each JARS is a directory holding optilock-annotations-*.jar, optilock-runtime-*.jar and the shaded
optilock-processor-*.jar (copy them out of annotations/, runtime/ and processor/target after
`mvn -q -pl processor -am package -DskipTests`, one directory per commit to compare). The script
writes the 200 eleven-column entities of ../compile-time.sh (its here-document; ENTITIES to change), then runs, in each
round and in this order, for every JARS: "with" (the processor on the processor path), "only"
(-proc:only) and "gen" (-proc:none on the entities plus the repositories that processor writes, as
plain sources: javac's cost of the generated code alone); and once per round "without" (only the
annotations jar on the processor path, from the first JARS) and "none" (-proc:none). Every
compilation is a fresh JVM (JavacTimer: javax.tools in the JVM's main thread) that reports its wall
time, its main thread's CPU time and the process's CPU time; the script prints each run with the
1-minute load average and then medians, as ratios to "without". On a shared machine the main
thread's CPU time is the steadiest of the three.
"""
import glob, os, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ENTITIES = int(os.environ.get('ENTITIES', '200'))


def entity_template():
    """The entity of compile-time.sh (its here-document), so that both time the same sources."""
    with open(os.path.join(HERE, '..', 'compile-time.sh')) as f:
        script = f.read()
    start = script.index('<<JAVA\n') + len('<<JAVA\n')
    return script[start:script.index('\nJAVA\n', start) + 1]


def jar(directory, artifact):
    found = [j for j in glob.glob(f'{directory}/optilock-{artifact}-*.jar')
             if not j.endswith(('-sources.jar', '-javadoc.jar'))]
    if len(found) != 1:
        sys.exit(f'{directory}: expected one optilock-{artifact} jar, found {found}')
    return found[0]


def main():
    rounds = int(sys.argv[1])
    named = [arg.split('=', 1) for arg in sys.argv[2:]]
    work = tempfile.mkdtemp(prefix='optilock-compile-paired.')
    try:
        subprocess.run(['javac', '-d', work, f'{HERE}/JavacTimer.java'], check=True)
        src = f'{work}/src/bench/entities'
        os.makedirs(src)
        template = entity_template()
        for i in range(1, ENTITIES + 1):
            with open(f'{src}/Entity{i}.java', 'w') as f:
                f.write(template.replace('$ENTITIES', str(ENTITIES)).replace('$i', str(i)))
        entities = sorted(glob.glob(f'{src}/*.java'))
        with open(f'{work}/entities.txt', 'w') as f:
            f.write('\n'.join(entities) + '\n')
        out = f'{work}/out'
        runs = []  # (label, javac arguments)
        for name, directory in named:
            cp = jar(directory, 'annotations') + ':' + jar(directory, 'runtime')
            processor = jar(directory, 'processor')
            gen = f'{work}/gen-{name}'
            os.makedirs(gen)
            os.makedirs(out, exist_ok=True)
            subprocess.run(['javac', '-nowarn', '-proc:only', '-s', gen, '-d', out, '-cp', cp,
                            '-processorpath', processor, f'@{work}/entities.txt'], check=True)
            shutil.rmtree(out)
            with open(f'{work}/gen-{name}.txt', 'w') as f:
                f.write('\n'.join(entities + sorted(glob.glob(f'{gen}/**/*.java', recursive=True))) + '\n')
            if not runs:
                annotations = jar(directory, 'annotations')
                runs.append(('without', ['-cp', cp, '-processorpath', annotations, f'@{work}/entities.txt']))
                runs.append(('none', ['-cp', cp, '-proc:none', f'@{work}/entities.txt']))
            runs.append((f'with {name}', ['-cp', cp, '-processorpath', processor, f'@{work}/entities.txt']))
            runs.append((f'only {name}', ['-cp', cp, '-processorpath', processor, '-proc:only', f'@{work}/entities.txt']))
            runs.append((f'gen {name}', ['-cp', cp, '-proc:none', f'@{work}/gen-{name}.txt']))
        print(f'javac: {subprocess.run(["javac", "-version"], capture_output=True, text=True).stdout.strip()};'
              f' {ENTITIES} entities; {rounds} rounds; {os.cpu_count()} CPUs')
        results = {label: [] for label, _ in runs}
        loads = []
        for r in range(rounds):
            for label, arguments in runs:
                shutil.rmtree(out, ignore_errors=True)
                os.makedirs(out)
                loads.append(os.getloadavg()[0])
                done = subprocess.run(['java', '-cp', work, 'JavacTimer', '-nowarn', '-d', out] + arguments,
                                      capture_output=True, text=True)
                wall, thread, process, rc = map(int, done.stdout.split()[-4:])
                if rc != 0:
                    sys.exit(f'{label}: javac failed\n{done.stdout}\n{done.stderr}')
                results[label].append((wall, thread, process))
                print(f'round {r + 1} {label:<16} wall {wall:6} ms  thread CPU {thread:6} ms'
                      f'  process CPU {process:6} ms  load {loads[-1]:.2f}', flush=True)
        print(f'load average (1 min) during the runs: {min(loads):.2f} to {max(loads):.2f}')
        base = [statistics.median(x[k] for x in results['without']) for k in range(3)]
        print(f'{"medians":<16} {"wall":>15} {"thread CPU":>17} {"process CPU":>17}')
        for label, _ in runs:
            m = [statistics.median(x[k] for x in results[label]) for k in range(3)]
            print(f'{label:<16}' + ''.join(f' {m[k]:7.0f} ({m[k] / base[k]:.2f}x)' for k in range(3)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
