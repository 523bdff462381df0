// Red-black trees (Linux: lib/rbtree.c). The textbook algorithms (Cormen et
// al., chapter 13) with NULL leaves; Linux's version is the same algorithm
// with the colour packed into the parent pointer and the cases unrolled.
#include <linux/rbtree.h>

static bool is_red(const struct rb_node *n) { return n && !n->rb_black; }

static void recompute(struct rb_root *root, struct rb_node *n)
{
	if (root->augment && n)
		root->augment->recompute(n);
}

void rb_augment_propagate(struct rb_node *node, struct rb_root *root)
{
	if (!root->augment)
		return;
	for (; node; node = node->rb_parent)
		if (!root->augment->recompute(node))
			break;
}

// Full recompute up to the root: used after erase, where a changed value and
// a removed node may meet on the same path.
static void recompute_to_root(struct rb_root *root, struct rb_node *node)
{
	for (; root->augment && node; node = node->rb_parent)
		root->augment->recompute(node);
}

static void replace_child(struct rb_root *root, struct rb_node *parent, struct rb_node *old,
			  struct rb_node *n)
{
	if (!parent)
		root->rb_node = n;
	else if (parent->rb_left == old)
		parent->rb_left = n;
	else
		parent->rb_right = n;
	if (n)
		n->rb_parent = parent;
}

/*
 *     x              y
 *    / \            / \
 *   a   y    ->    x   c
 *      / \        / \
 *     b   c      a   b
 */
static void rotate_left(struct rb_root *root, struct rb_node *x)
{
	struct rb_node *y = x->rb_right;
	x->rb_right = y->rb_left;
	if (y->rb_left)
		y->rb_left->rb_parent = x;
	replace_child(root, x->rb_parent, x, y);
	y->rb_left = x;
	x->rb_parent = y;
	recompute(root, x); // x is now below y: x first
	recompute(root, y);
}

static void rotate_right(struct rb_root *root, struct rb_node *x)
{
	struct rb_node *y = x->rb_left;
	x->rb_left = y->rb_right;
	if (y->rb_right)
		y->rb_right->rb_parent = x;
	replace_child(root, x->rb_parent, x, y);
	y->rb_right = x;
	x->rb_parent = y;
	recompute(root, x);
	recompute(root, y);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	recompute_to_root(root, node); // the new node's value reaches every ancestor
	struct rb_node *n = node;
	while (is_red(n->rb_parent)) {
		struct rb_node *parent = n->rb_parent, *gparent = parent->rb_parent;
		bool left = parent == gparent->rb_left;
		struct rb_node *uncle = left ? gparent->rb_right : gparent->rb_left;
		if (is_red(uncle)) { // recolour and move the problem two levels up
			parent->rb_black = uncle->rb_black = true;
			gparent->rb_black = false;
			n = gparent;
			continue;
		}
		if (n == (left ? parent->rb_right : parent->rb_left)) { // zig-zag: make it zig-zig
			n = parent;
			left ? rotate_left(root, n) : rotate_right(root, n);
			parent = n->rb_parent;
		}
		parent->rb_black = true;
		gparent->rb_black = false;
		left ? rotate_right(root, gparent) : rotate_left(root, gparent);
	}
	root->rb_node->rb_black = true;
}

// Restores the black height after a black node left the tree: x (maybe
// NULL) under parent carries an extra black.
static void erase_fixup(struct rb_root *root, struct rb_node *x, struct rb_node *parent)
{
	while (x != root->rb_node && !is_red(x)) {
		bool left = x == parent->rb_left;
		struct rb_node *w = left ? parent->rb_right : parent->rb_left; // never NULL here
		if (is_red(w)) {
			w->rb_black = true;
			parent->rb_black = false;
			left ? rotate_left(root, parent) : rotate_right(root, parent);
			w = left ? parent->rb_right : parent->rb_left;
		}
		struct rb_node *near = left ? w->rb_left : w->rb_right;
		struct rb_node *far = left ? w->rb_right : w->rb_left;
		if (!is_red(near) && !is_red(far)) {
			w->rb_black = false;
			x = parent;
			parent = x->rb_parent;
			continue;
		}
		if (!is_red(far)) {
			near->rb_black = true;
			w->rb_black = false;
			left ? rotate_right(root, w) : rotate_left(root, w);
			w = left ? parent->rb_right : parent->rb_left;
			far = left ? w->rb_right : w->rb_left;
		}
		w->rb_black = parent->rb_black;
		parent->rb_black = true;
		far->rb_black = true;
		left ? rotate_left(root, parent) : rotate_right(root, parent);
		x = root->rb_node;
	}
	if (x)
		x->rb_black = true;
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent, *changed;
	bool removed_black;
	if (!node->rb_left || !node->rb_right) {
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = node->rb_parent;
		removed_black = node->rb_black;
		replace_child(root, parent, node, child);
		changed = parent;
	} else { // two children: the successor takes node's place
		struct rb_node *succ = node->rb_right;
		while (succ->rb_left)
			succ = succ->rb_left;
		child = succ->rb_right;
		removed_black = succ->rb_black;
		if (succ->rb_parent == node) {
			parent = succ;
		} else {
			parent = succ->rb_parent;
			replace_child(root, parent, succ, child);
			succ->rb_right = node->rb_right;
			succ->rb_right->rb_parent = succ;
		}
		replace_child(root, node->rb_parent, node, succ);
		succ->rb_left = node->rb_left;
		succ->rb_left->rb_parent = succ;
		succ->rb_black = node->rb_black;
		changed = parent;
	}
	recompute_to_root(root, changed);
	if (removed_black)
		erase_fixup(root, child, parent);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;
	while (n && n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;
	while (n && n->rb_right)
		n = n->rb_right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while (node->rb_parent && node == node->rb_parent->rb_right)
		node = node->rb_parent;
	return node->rb_parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while (node->rb_parent && node == node->rb_parent->rb_left)
		node = node->rb_parent;
	return node->rb_parent;
}

static int check(const struct rb_node *n, const struct rb_node *parent)
{
	if (!n)
		return 1;
	if (n->rb_parent != parent || (is_red(n) && (is_red(n->rb_left) || is_red(n->rb_right))))
		return -1;
	int l = check(n->rb_left, n), r = check(n->rb_right, n);
	if (l < 0 || l != r)
		return -1;
	return l + (n->rb_black ? 1 : 0);
}

int rb_check(const struct rb_root *root)
{
	if (is_red(root->rb_node))
		return -1;
	return check(root->rb_node, nullptr);
}
