import javax.swing.JButton;
import javax.swing.JInternalFrame;
import javax.swing.JSplitPane;
import javax.swing.JFrame;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.tree.TreeModel;
import javax.swing.tree.TreePath;
import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.event.InputEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens JConsole (the JDK's own, in this JVM) on a local process and clicks through it as a person
 * would: MBeans tab, poolscope, Pool, the pool, Attributes, one attribute, whose value it double-clicks
 * so JConsole shows the table. Prints "ready" when the window shows it, then waits to be stopped;
 * docs/jconsole-screenshot.sh takes the picture of the X display.
 *
 * <p>usage: JConsoleShot PID POOL ATTRIBUTE
 */
public final class JConsoleShot {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    public static void main(String[] args) throws Exception {
        String pid = args[0];
        String pool = args[1];
        String attribute = args[2];
        sun.tools.jconsole.JConsole.main(new String[]{"-interval=60", pid});

        JFrame frame = await("the JConsole window", () -> {
            for (Frame candidate : Frame.getFrames()) {
                if (candidate instanceof JFrame && candidate.isShowing()) {
                    return (JFrame) candidate;
                }
            }
            return null;
        });
        onEdt(() -> {
            frame.setBounds(0, 0, 1280, 860);
            return null;
        });
        JInternalFrame vm = await("the connection's window", () -> first(frame, JInternalFrame.class));
        onEdt(() -> {
            vm.setMaximum(true);
            return null;
        });
        // JConsole tries SSL first and asks to retry without it, as it does for any local process:
        // the answer a person gives is "Insecure connection" (the local connector stays on this machine)
        JTabbedPane tabs = await("the tabs, connected", () -> {
            for (JButton button : all(frame, JButton.class)) {
                if (button.isShowing() && "Insecure connection".equals(button.getText())) {
                    button.doClick();
                }
            }
            JTabbedPane found = first(vm, JTabbedPane.class);
            boolean connected = vm.getTitle() != null && !vm.getTitle().contains("(disconnected)")
                    && !vm.getTitle().contains("(connecting)");
            return found != null && connected && found.indexOfTab("MBeans") >= 0 ? found : null;
        });
        onEdt(() -> {
            tabs.setSelectedIndex(tabs.indexOfTab("MBeans"));
            return null;
        });
        JTree tree = await("the MBean tree", () -> first(tabs.getSelectedComponent(), JTree.class));
        TreePath path = expand(tree, "poolscope", "Pool", pool, "Attributes", attribute);
        onEdt(() -> {
            tree.setSelectionPath(path);
            tree.scrollPathToVisible(path);
            return null;
        });

        // the attribute's value in the sheet: double-click it, as a person does to open a table
        JTable table = await("the attribute's value", () -> {
            for (JTable candidate : all(tabs.getSelectedComponent(), JTable.class)) {
                if (candidate.isShowing() && candidate.getRowCount() == 1
                        && attribute.equals(String.valueOf(candidate.getValueAt(0, 0)))) {
                    return candidate;
                }
            }
            return null;
        });
        int before = onEdt(() -> table.getRowHeight(0));
        Point cell = onEdt(() -> {
            Rectangle rect = table.getCellRect(0, 1, false);
            Point at = new Point(rect.x + rect.width / 2, rect.y + rect.height / 2);
            SwingUtilities.convertPointToScreen(at, table);
            return at;
        });
        Robot robot = new Robot();
        robot.setAutoDelay(60);
        robot.mouseMove(cell.x, cell.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseMove(cell.x + 400, 20); // out of the picture's way
        await("the table opened", () -> onEdt(() -> table.getRowHeight(0)) > before ? Boolean.TRUE : null);
        onEdt(() -> { // room for the tree's labels and the lease's items, as a person drags the dividers
            JSplitPane split = first(tabs.getSelectedComponent(), JSplitPane.class);
            if (split != null) {
                split.setDividerLocation(250);
            }
            table.getColumnModel().getColumn(0).setPreferredWidth(70);
            table.getColumnModel().getColumn(1).setPreferredWidth(900);
            table.setRowHeight(0, 300);
            for (JTable inner : all(table, JTable.class)) {
                if (inner != table && inner.getColumnCount() == 2) {
                    inner.getColumnModel().getColumn(0).setMinWidth(120);
                    inner.getColumnModel().getColumn(1).setPreferredWidth(800);
                }
            }
            tabs.getSelectedComponent().revalidate();
            tabs.getSelectedComponent().repaint();
            return null;
        });
        robot.waitForIdle();
        Thread.sleep(500); // the repaint reaching the X display: the picture is taken after this
        robot.waitForIdle();
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join(); // until the script stops this JVM
    }

    /**
     * Expands the tree along the nodes named {@code labels}, from its current root each time (JConsole
     * fills the tree, and an MBean's Attributes node, in the background).
     */
    private static TreePath expand(JTree tree, String... labels) throws Exception {
        AtomicReference<String> reached = new AtomicReference<>("");
        return await("the tree path " + String.join(" > ", labels), () -> {
            TreeModel model = tree.getModel();
            TreePath path = new TreePath(model.getRoot());
            for (String label : labels) {
                tree.expandPath(path);
                Object node = path.getLastPathComponent();
                Object next = null;
                for (int i = 0; i < model.getChildCount(node); i++) {
                    if (label.equals(String.valueOf(model.getChild(node, i)))) {
                        next = model.getChild(node, i);
                    }
                }
                if (next == null) {
                    reached.set(path + " has " + children(tree, path));
                    return null;
                }
                path = path.pathByAddingChild(next);
            }
            return path;
        }, reached);
    }

    private static List<String> children(JTree tree, TreePath parent) {
        List<String> labels = new ArrayList<>();
        TreeModel model = tree.getModel();
        for (int i = 0; i < model.getChildCount(parent.getLastPathComponent()); i++) {
            labels.add(String.valueOf(model.getChild(parent.getLastPathComponent(), i)));
        }
        return labels;
    }

    private static <T> T await(String what, Callable<T> probe) throws Exception {
        return await(what, probe, new AtomicReference<>(""));
    }

    private static <T> T await(String what, Callable<T> probe, AtomicReference<String> seen) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (true) {
            T found = onEdt(probe);
            if (found != null) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("JConsole did not show " + what + "; " + seen.get());
            }
            Thread.sleep(100); // polling the window, with a deadline
        }
    }

    private static <T> T onEdt(Callable<T> action) throws Exception {
        if (SwingUtilities.isEventDispatchThread()) {
            return action.call();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static <T> T first(Component root, Class<T> type) {
        List<T> found = all(root, type);
        return found.isEmpty() ? null : found.get(0);
    }

    private static <T> List<T> all(Component root, Class<T> type) {
        List<T> found = new ArrayList<>();
        collect(root, type, found);
        return found;
    }

    private static <T> void collect(Component component, Class<T> type, List<T> found) {
        if (component == null) {
            return;
        }
        if (type.isInstance(component)) {
            found.add(type.cast(component));
        }
        if (component instanceof Container) {
            for (Component child : ((Container) component).getComponents()) {
                collect(child, type, found);
            }
        }
        if (component instanceof Window) {
            for (Window owned : ((Window) component).getOwnedWindows()) {
                collect(owned, type, found);
            }
        }
    }
}
